/* Findings: collected into one list (with a cap on cascading errors), sorted
 * by place, de-duplicated, and printed either gcc-style with the source line
 * and a caret, or as one JSON array. Also the edit-distance "did you mean"
 * helper shared by every "unknown name" error. */
#include "diag.h"
#include "arena.h"
#include "shown.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum { DIAG_DEFAULT_MAX_ERRORS = 100, DIAG_SHOWN = 100 };

/* ANSI colours as gcc uses them by default (GCC_COLORS). */
#define C_BOLD "\033[01m"
#define C_RESET "\033[m"

static const char *const sev_name[] = { "note", "warning", "error" };
static const char *const sev_color[] = { "\033[01;36m", "\033[01;35m", "\033[01;31m" };
static const char *const caret_color = "\033[01;32m";

void diag_init(struct diag *d, struct arena *a)
{
	memset(d, 0, sizeof *d);
	d->arena = a;
	d->max_errors = DIAG_DEFAULT_MAX_ERRORS;
}

struct finding *diag_add(struct diag *d, enum severity sev, unsigned code, struct span at,
			 const char *fmt, ...)
{
	size_t max = d->max_errors ? d->max_errors : DIAG_DEFAULT_MAX_ERRORS;
	if (sev == SEV_ERROR && ++d->errors > max) {
		d->dropped++;
		return NULL;
	}
	if (sev == SEV_WARNING)
		d->warnings++;
	va_list ap;
	va_start(ap, fmt);
	char *msg = arena_vprintf(d->arena, fmt, ap);
	va_end(ap);
	struct finding f = { at, sev, code, msg, (unsigned)(d->n + d->dropped), NULL, 0, NULL };
	ARENA_PUSH(d->arena, d->items, d->n, d->cap, f);
	return &d->items[d->n - 1];
}

void diag_merge(struct diag *d, const struct diag *from)
{
	size_t max = d->max_errors ? d->max_errors : DIAG_DEFAULT_MAX_ERRORS;
	for (size_t i = 0; i < from->n; i++) {
		struct finding f = from->items[i];
		if (f.severity == SEV_ERROR && ++d->errors > max) {
			d->dropped++;
			continue;
		}
		if (f.severity == SEV_WARNING)
			d->warnings++;
		f.seq = (unsigned)(d->n + d->dropped);
		ARENA_PUSH(d->arena, d->items, d->n, d->cap, f);
	}
	d->errors += from->dropped;
	d->dropped += from->dropped;
}

/* ---- sorting and de-duplication ---- */

static const char *path_of(const struct finding *f)
{
	return f->span.src ? f->span.src->path : "";
}

/* Same file, offset and code: duplicates can only be found within such a run. */
static int cmp_place(const struct finding *x, const struct finding *y)
{
	int c = strcmp(path_of(x), path_of(y));
	if (c)
		return c;
	if (x->span.offset != y->span.offset)
		return x->span.offset < y->span.offset ? -1 : 1;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return 0;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = cmp_place(x, y);
	if (c)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static bool is_duplicate(const struct finding *x, const struct finding *y)
{
	return cmp_place(x, y) == 0 && x->span.length == y->span.length &&
	       strcmp(x->message, y->message) == 0;
}

/* Is items[i] a copy of an earlier kept finding of its run [from, out)? */
static bool seen_in_run(const struct diag *d, size_t from, size_t out, size_t i)
{
	for (size_t k = from; k < out; k++)
		if (is_duplicate(&d->items[k], &d->items[i]))
			return true;
	return false;
}

static void uncount(struct diag *d, const struct finding *f)
{
	if (f->severity == SEV_ERROR && d->errors > 0)
		d->errors--;
	else if (f->severity == SEV_WARNING && d->warnings > 0)
		d->warnings--;
}

void diag_sort(struct diag *d)
{
	if (d->n < 2)
		return;
	qsort(d->items, d->n, sizeof *d->items, cmp_finding);
	size_t out = 0, run = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (out > 0 && cmp_place(&d->items[run], &d->items[i]) != 0)
			run = out;
		if (out > run && seen_in_run(d, run, out, i)) {
			uncount(d, &d->items[i]);
			continue;
		}
		d->items[out++] = d->items[i];
	}
	d->n = out;
}

/* ---- text output ---- */

static int is_cont(unsigned char c)
{
	return c >= 0x80 && c <= 0xBF;
}

static unsigned num_width(uint32_t n)
{
	unsigned w = 1;
	while (n >= 10) {
		n /= 10;
		w++;
	}
	return w;
}

static void print_header(FILE *out, const struct finding *f, struct linecol lc,
			 bool color)
{
	const char *on = color ? C_BOLD : "", *off = color ? C_RESET : "";
	fputs(on, out);
	if (f->span.src) {
		shown_write(out, f->span.src->path, strlen(f->span.src->path));
		fprintf(out, ":%u:%u:%s ", lc.line, lc.column, off);
	} else {
		fprintf(out, "ivrc:%s ", off);
	}
	fprintf(out, "%s%s:%s ", color ? sev_color[f->severity] : "", sev_name[f->severity], off);
	shown_write(out, f->message, strlen(f->message));
	fprintf(out, " [IVR%03u]\n", f->code);
}

/* c, n times: a caret line is written in runs, not a byte at a time. */
static void put_run(FILE *out, char c, size_t n)
{
	char buf[128];
	memset(buf, c, n < sizeof buf ? n : sizeof buf);
	while (n > 0) {
		size_t k = n < sizeof buf ? n : sizeof buf;
		fwrite(buf, 1, k, out);
		n -= k;
	}
}

/* A snippet shows at most this many columns of a line: a long line (a
 * minified JSON list, a file with no line breaks) shows a window around
 * the finding, with "..." where it is cut. */
enum { SNIPPET_COLUMNS = 120, SNIPPET_BEFORE = 40 };

/* The byte where a snippet of line[0..len) starts for a finding at byte
 * at: up to SNIPPET_BEFORE characters before it. */
static size_t window_start(const char *line, size_t at)
{
	size_t p = at;
	for (int k = 0; k < SNIPPET_BEFORE && p > 0; k++) {
		p--;
		while (p > 0 && is_cont((unsigned char)line[p]))
			p--;
	}
	return p;
}

/* Whether line[0..len) shows in SNIPPET_COLUMNS columns (it looks at no
 * more of the line than that). */
static bool fits(const char *line, size_t len)
{
	size_t cols = 0;
	for (size_t p = 0; p < len; cols++) {
		if (cols >= SNIPPET_COLUMNS)
			return false;
		char buf[8];
		size_t w;
		p += shown_char(line + p, len - p, buf, &w);
		cols += w - 1;
	}
	return cols <= SNIPPET_COLUMNS;
}

/* Writes line[from..len) as shown, up to SNIPPET_COLUMNS columns; returns
 * where it stopped. */
static size_t print_window(FILE *out, const char *line, size_t from, size_t len)
{
	size_t cols = 0, p = from;
	while (p < len && cols < SNIPPET_COLUMNS) {
		char buf[8];
		size_t w, k = shown_char(line + p, len - p, buf, &w);
		fputs(buf, out);
		cols += w;
		p += k;
	}
	return p;
}

/* The columns line[from..to) takes as shown; tabs are written as tabs so
 * that the caret lines up under the source. */
static size_t put_columns(FILE *out, const char *line, size_t from, size_t to, bool write)
{
	size_t cols = 0, spaces = 0;
	for (size_t p = from; p < to;) {
		char buf[8];
		size_t w, k = shown_char(line + p, to - p, buf, &w);
		if (write && line[p] == '\t') {
			put_run(out, ' ', spaces);
			spaces = 0;
			fputc('\t', out);
		} else {
			spaces += w;
		}
		cols += w;
		p += k;
	}
	if (write)
		put_run(out, ' ', spaces);
	return cols;
}

static void print_snippet(FILE *out, const struct finding *f, struct linecol lc,
			  bool color)
{
	const struct source *src = f->span.src;
	size_t len;
	const char *line = source_line(src, lc.line, &len);
	if (!line)
		return;
	unsigned w = num_width(lc.line) > 5 ? num_width(lc.line) : 5;
	size_t line_start = (size_t)(line - src->text);
	size_t start = f->span.offset > line_start ? f->span.offset - line_start : 0;
	if (start > len)
		start = len;
	size_t from = fits(line, len) ? 0 : window_start(line, start);
	fprintf(out, "%*u | %s", (int)w, lc.line, from > 0 ? "..." : "");
	size_t to = print_window(out, line, from, len);
	fprintf(out, "%s\n%*s | %s", to < len ? "..." : "", (int)w, "", from > 0 ? "   " : "");
	if (start > to)
		start = to;
	size_t end = start + f->span.length;
	if (end > to)
		end = to;
	put_columns(out, line, from, start, true);
	size_t n = put_columns(out, line, start, end, false);
	fputs(color ? caret_color : "", out);
	fputc('^', out);
	put_run(out, '~', n > 1 ? n - 1 : 0);
	fputs(color ? C_RESET : "", out);
	fputc('\n', out);
}

/* Says how many findings of a severity a printer left out. */
static void print_left_out(FILE *out, bool color, size_t n, const char *what)
{
	if (n > 0)
		fprintf(out, "%sivrc:%s %snote:%s %zu more %s not shown\n", color ? C_BOLD : "",
			color ? C_RESET : "", color ? sev_color[SEV_NOTE] : "",
			color ? C_RESET : "", n, what);
}

static void print_text(const struct diag *d, FILE *out, bool color, const size_t *hidden)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = &d->items[i];
		struct linecol lc = { 0, 0 };
		if (f->span.src)
			lc = source_linecol(f->span.src, f->span.offset);
		print_header(out, f, lc, color);
		if (f->span.src)
			print_snippet(out, f, lc, color);
	}
	print_left_out(out, color, d->dropped, "errors");
	print_left_out(out, color, hidden[SEV_WARNING], "warnings");
	print_left_out(out, color, hidden[SEV_NOTE], "notes");
}

/* ---- JSON output ---- */

/* Where the span's last character starts (the start itself when empty). */
static struct linecol span_last(const struct span *s)
{
	size_t end = (size_t)s->offset + s->length;
	if (end > s->src->len)
		end = s->src->len;
	uint32_t last = s->offset;
	if (end > s->offset) {
		last = (uint32_t)end - 1;
		while (last > s->offset && is_cont((unsigned char)s->src->text[last]))
			last--;
	}
	return source_linecol(s->src, last);
}

/* A file name as a JSON string holds it: as it is when it is UTF-8, else
 * shown (its other bytes as \xNN). */
static const char *json_path(struct arena *a, const char *path)
{
	return shown_is_utf8(path) ? path : shown_text(a, path);
}

/* "file", "line", "column", "end_line", "end_column" of a span. */
static void json_place(struct arena *a, cJSON *o, const struct span *s)
{
	struct linecol lc = { 0, 0 }, end = { 0, 0 };
	if (s->src) {
		lc = source_linecol(s->src, s->offset);
		end = span_last(s);
		cJSON_AddStringToObject(o, "file", json_path(a, s->src->path));
	} else {
		cJSON_AddNullToObject(o, "file");
	}
	cJSON_AddNumberToObject(o, "line", lc.line);
	cJSON_AddNumberToObject(o, "column", lc.column);
	cJSON_AddNumberToObject(o, "end_line", end.line);
	cJSON_AddNumberToObject(o, "end_column", end.column);
}

static cJSON *finding_json(struct arena *a, const struct finding *f)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	json_place(a, o, &f->span);
	char code[16];
	snprintf(code, sizeof code, "IVR%03u", f->code);
	cJSON_AddStringToObject(o, "severity", sev_name[f->severity]);
	cJSON_AddStringToObject(o, "code", code);
	cJSON_AddStringToObject(o, "message", f->message);
	if (f->nrelated) {
		cJSON *rel = cJSON_AddArrayToObject(o, "related");
		for (uint32_t i = 0; i < f->nrelated; i++) {
			cJSON *r = cJSON_CreateObject();
			json_place(a, r, &f->related[i]);
			cJSON_AddItemToArray(rel, r);
		}
	}
	return o;
}

static void print_json(const struct diag *d, FILE *out)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; arr && i < d->n; i++) {
		cJSON *o = finding_json(d->arena, &d->items[i]);
		if (o)
			cJSON_AddItemToArray(arr, o);
	}
	char *s = arr ? cJSON_Print(arr) : NULL;
	fputs(s ? s : "[]", out);
	fputc('\n', out);
	cJSON_free(s);
	cJSON_Delete(arr);
}

/* ---- SARIF 2.1.0 ---- */

static const char *const sarif_level[] = { "note", "warning", "error" };

static void code_text(char *buf, size_t n, unsigned code)
{
	snprintf(buf, n, "IVR%03u", code);
}

/* The codes SARIF lists as rules: the tool's, and any other code a finding
 * has (check's, which have no entry there), sorted. */
static size_t sarif_rule_codes(const struct diag *d, const struct diag_tool *t,
			       unsigned *codes)
{
	size_t n = 0;
	for (size_t i = 0; t && i < t->nrules; i++)
		codes[n++] = t->rules[i].code;
	for (size_t i = 0; i < d->n; i++) {
		size_t k = 0;
		while (k < n && codes[k] != d->items[i].code)
			k++;
		if (k == n)
			codes[n++] = d->items[i].code;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && codes[k - 1] > codes[k]; k--) {
			unsigned x = codes[k];
			codes[k] = codes[k - 1];
			codes[k - 1] = x;
		}
	return n;
}

static const struct diag_rule_info *tool_rule(const struct diag_tool *t, unsigned code)
{
	for (size_t i = 0; t && i < t->nrules; i++)
		if (t->rules[i].code == code)
			return &t->rules[i];
	return NULL;
}

/* What a code's documentation says first (malloc'ed, lines joined): a
 * rule page's paragraph after its title and severity, an entry's first
 * line. */
static char *first_paragraph(const char *doc)
{
	const char *p = doc;
	for (;;) {
		while (*p == '\n')
			p++;
		if (strncmp(p, "# ", 2) != 0 && strncmp(p, "Severity:", 9) != 0)
			break;
		const char *end = strstr(p, "\n\n");
		if (!end)
			return NULL;
		p = end;
	}
	const char *end = strstr(p, "\n\n");
	size_t n = end ? (size_t)(end - p) : strlen(p);
	char *out = malloc(n + 1);
	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++)
		out[i] = p[i] == '\n' ? ' ' : p[i];
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

/* A rule of the log; used: a result has its code (then with its help:
 * the page or entry, which code scanning shows beside the result). */
static cJSON *sarif_rule(const struct diag_tool *t, unsigned code, bool used)
{
	cJSON *r = cJSON_CreateObject();
	char id[16];
	code_text(id, sizeof id, code);
	cJSON_AddStringToObject(r, "id", id);
	const struct diag_rule_info *info = tool_rule(t, code);
	if (info) {
		cJSON_AddStringToObject(r, "name", info->name);
		cJSON *sd = cJSON_AddObjectToObject(r, "shortDescription");
		cJSON_AddStringToObject(sd, "text", info->summary);
		cJSON *dc = cJSON_AddObjectToObject(r, "defaultConfiguration");
		cJSON_AddStringToObject(dc, "level", sarif_level[info->severity]);
	}
	const char *doc = used && t && t->code_doc ? t->code_doc(code) : NULL;
	if (doc) {
		char *full = first_paragraph(doc);
		if (full)
			cJSON_AddStringToObject(cJSON_AddObjectToObject(r, "fullDescription"), "text",
						full);
		free(full);
		cJSON *help = cJSON_AddObjectToObject(r, "help");
		cJSON_AddStringToObject(help, "text", doc);
		cJSON_AddStringToObject(help, "markdown", doc);
	}
	return r;
}

/* A relative path stays relative (to the directory ivrc ran in); an
 * absolute one becomes a file: URI. Bytes outside the unreserved set and
 * '/' are percent-encoded. */
static char *sarif_uri(const char *path)
{
	size_t n = strlen(path);
	char *u = malloc(3 * n + 8);
	if (!u)
		return NULL;
	size_t k = 0;
	if (path[0] == '/')
		k += (size_t)sprintf(u, "file://");
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if (isalnum(c) || strchr("-._~/", c))
			u[k++] = (char)c;
		else
			k += (size_t)sprintf(u + k, "%%%02X", c);
	}
	u[k] = '\0';
	return u;
}

/* A location object of a span (its physicalLocation). */
static cJSON *sarif_place(const struct span *s)
{
	struct linecol lc = source_linecol(s->src, s->offset);
	struct linecol end = span_last(s);
	cJSON *phys = cJSON_CreateObject();
	cJSON *art = cJSON_AddObjectToObject(phys, "artifactLocation");
	char *uri = sarif_uri(s->src->path);
	cJSON_AddStringToObject(art, "uri", uri ? uri : "");
	free(uri);
	cJSON *region = cJSON_AddObjectToObject(phys, "region");
	cJSON_AddNumberToObject(region, "startLine", lc.line);
	cJSON_AddNumberToObject(region, "startColumn", lc.column);
	cJSON_AddNumberToObject(region, "endLine", end.line);
	/* SARIF's end column is the one after the region. */
	cJSON_AddNumberToObject(region, "endColumn", end.column + (s->length > 0));
	cJSON *loc = cJSON_CreateObject();
	cJSON_AddItemToObject(loc, "physicalLocation", phys);
	return loc;
}

static void sarif_location(cJSON *result, const struct finding *f)
{
	if (!f->span.src)
		return;
	cJSON_AddItemToArray(cJSON_AddArrayToObject(result, "locations"), sarif_place(&f->span));
	if (!f->nrelated)
		return;
	cJSON *rel = cJSON_AddArrayToObject(result, "relatedLocations");
	for (uint32_t i = 0; i < f->nrelated; i++) {
		if (!f->related[i].src)
			continue;
		cJSON *loc = sarif_place(&f->related[i]);
		cJSON_AddNumberToObject(loc, "id", i + 1);
		char text[96];
		snprintf(text, sizeof text, "%.64s %u", f->related_what ? f->related_what : "place",
			 (unsigned)(i + 1));
		cJSON_AddStringToObject(cJSON_AddObjectToObject(loc, "message"), "text", text);
		cJSON_AddItemToArray(rel, loc);
	}
}

static cJSON *sarif_result(const struct finding *f, const unsigned *codes, size_t ncodes)
{
	cJSON *r = cJSON_CreateObject();
	char id[16];
	code_text(id, sizeof id, f->code);
	cJSON_AddStringToObject(r, "ruleId", id);
	for (size_t i = 0; i < ncodes; i++)
		if (codes[i] == f->code)
			cJSON_AddNumberToObject(r, "ruleIndex", (double)i);
	cJSON_AddStringToObject(r, "level", sarif_level[f->severity]);
	cJSON *msg = cJSON_AddObjectToObject(r, "message");
	cJSON_AddStringToObject(msg, "text", f->message);
	sarif_location(r, f);
	return r;
}

static void print_sarif(const struct diag *d, FILE *out, const struct diag_tool *t)
{
	unsigned *codes = malloc(((t ? t->nrules : 0) + d->n + 1) * sizeof *codes);
	if (!codes)
		return;
	size_t ncodes = sarif_rule_codes(d, t, codes);
	cJSON *log = cJSON_CreateObject();
	cJSON_AddStringToObject(log, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	cJSON_AddStringToObject(log, "version", "2.1.0");
	cJSON *run = cJSON_CreateObject();
	cJSON_AddItemToArray(cJSON_AddArrayToObject(log, "runs"), run);
	cJSON *drv = cJSON_AddObjectToObject(cJSON_AddObjectToObject(run, "tool"), "driver");
	cJSON_AddStringToObject(drv, "name", "ivrc");
	if (t && t->version)
		cJSON_AddStringToObject(drv, "version", t->version);
	cJSON *rules = cJSON_AddArrayToObject(drv, "rules");
	for (size_t i = 0; i < ncodes; i++) {
		bool used = false;
		for (size_t k = 0; k < d->n && !used; k++)
			used = d->items[k].code == codes[i];
		cJSON_AddItemToArray(rules, sarif_rule(t, codes[i], used));
	}
	/* Our columns count characters (UTF-8 code points), not UTF-16 units. */
	cJSON_AddStringToObject(run, "columnKind", "unicodeCodePoints");
	cJSON *results = cJSON_AddArrayToObject(run, "results");
	for (size_t i = 0; i < d->n; i++)
		cJSON_AddItemToArray(results, sarif_result(&d->items[i], codes, ncodes));
	char *s = cJSON_Print(log);
	if (s) {
		fputs(s, out);
		fputc('\n', out);
	}
	cJSON_free(s);
	cJSON_Delete(log);
	free(codes);
}

/* ---- GitHub workflow commands ---- */

/* Escapes for a command's message, and (props) for a property value: the
 * workflow command's own (%25, %0D, %0A, %3A, %2C), and every other control
 * character as text output shows it (a CI log is read on a terminal). */
static void gh_escape(FILE *out, const char *s, bool props)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		char c = s[i], buf[8];
		size_t w, k = shown_char(s + i, n - i, buf, &w);
		if (c == '%')
			fputs("%25", out);
		else if (c == '\r')
			fputs("%0D", out);
		else if (c == '\n')
			fputs("%0A", out);
		else if (props && c == ':')
			fputs("%3A", out);
		else if (props && c == ',')
			fputs("%2C", out);
		else
			fputs(buf, out);
		i += k;
	}
}

static void print_github(const struct diag *d, FILE *out, const size_t *hidden)
{
	static const char *const cmd[] = { "notice", "warning", "error" };
	for (size_t i = 0; i < d->n; i++) {
		const struct finding *f = &d->items[i];
		fprintf(out, "::%s ", cmd[f->severity]);
		if (f->span.src) {
			struct linecol lc = source_linecol(f->span.src, f->span.offset);
			struct linecol end = span_last(&f->span);
			fputs("file=", out);
			gh_escape(out, f->span.src->path, true);
			fprintf(out, ",line=%u,col=%u,endLine=%u,endColumn=%u,", lc.line,
				lc.column, end.line, end.column);
		}
		fprintf(out, "title=IVR%03u::", f->code);
		gh_escape(out, f->message, false);
		fputc('\n', out);
	}
	static const char *const what[] = { "notes", "warnings", "errors" };
	size_t left[3] = { hidden[SEV_NOTE], hidden[SEV_WARNING], d->dropped };
	for (int s = SEV_ERROR; s >= SEV_NOTE; s--)
		if (left[s])
			fprintf(out, "::notice title=ivrc::%zu more %s not shown\n", left[s], what[s]);
}

void diag_print(const struct diag *d, FILE *out, const struct diag_print_opts *o)
{
	diag_print_tool(d, out, o, NULL);
}

/* What the printers show: every error kept (errors are capped as they
 * come, diag_add), and at most DIAG_SHOWN warnings and DIAG_SHOWN notes, the
 * first by place; *hidden counts the rest per severity. Capped here, not as
 * they come, so that suppressed findings (lint removes them later) take no
 * room. */
static struct diag capped(const struct diag *d, size_t hidden[3])
{
	struct diag v = *d;
	size_t seen[3] = { 0 };
	v.items = arena_alloc(d->arena, (d->n ? d->n : 1) * sizeof *v.items);
	v.n = 0;
	for (size_t i = 0; i < d->n; i++) {
		enum severity sev = d->items[i].severity;
		if (sev != SEV_ERROR && ++seen[sev] > DIAG_SHOWN)
			hidden[sev]++;
		else
			v.items[v.n++] = d->items[i];
	}
	return v;
}

void diag_print_tool(const struct diag *d, FILE *out, const struct diag_print_opts *o,
		     const struct diag_tool *tool)
{
	size_t hidden[3] = { 0 };
	struct diag v = capped(d, hidden);
	if (o->format == DIAG_JSON)
		print_json(&v, out);
	else if (o->format == DIAG_SARIF)
		print_sarif(&v, out, tool);
	else if (o->format == DIAG_GITHUB)
		print_github(&v, out, hidden);
	else
		print_text(&v, out, o->color, hidden);
}

/* ---- "did you mean" ---- */

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Case-insensitive edit distance: Levenshtein, plus a swap of two
 * neighbours as one edit (optimal string alignment). rows: three rows of
 * scratch space of cols >= strlen(b) + 1 entries each. */
static size_t edit_distance(const char *a, const char *b, size_t *rows, size_t cols)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev2 = rows, *prev = rows + cols, *cur = rows + 2 * cols;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		int ca = tolower((unsigned char)a[i - 1]);
		for (size_t j = 1; j <= lb; j++) {
			int cb = tolower((unsigned char)b[j - 1]);
			cur[j] = min3(prev[j - 1] + (ca != cb), prev[j] + 1, cur[j - 1] + 1);
			/* Two letters swapped ("mneu") count as one edit. */
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const char *diag_suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t wl = strlen(word);
	size_t limit = wl / 3 > 1 ? wl / 3 : 1;
	/* A candidate longer than wl + limit is too far away to need a row. */
	size_t cols = wl + limit + 1;
	size_t *rows = malloc(3 * cols * sizeof *rows);
	if (!rows)
		return NULL;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		const char *c = candidates[i];
		if (!c || strcmp(c, word) == 0)
			continue;
		size_t cl = strlen(c);
		if (cl >= cols || (wl > cl && wl - cl > limit))
			continue;
		size_t dist = edit_distance(word, c, rows, cols);
		if (dist < best_d) {
			best_d = dist;
			best = c;
		}
	}
	free(rows);
	if (best)
		return best;
	/* A word cut short or its end changed ("retry" for "retries"): the one
	 * candidate that shares all but its last letter, four at least. */
	size_t best_p = 0;
	for (size_t i = 0; i < n; i++) {
		const char *c = candidates[i];
		size_t p = 0;
		while (c && c[p] && c[p] == word[p])
			p++;
		if (p >= 4 && p + 1 >= wl && p >= best_p) {
			best = p > best_p ? c : NULL;   /* two as good: none */
			best_p = p;
		}
	}
	return best;
}
