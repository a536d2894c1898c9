/* Unit test for source.c and diag.c: line table, columns, caret printing,
 * JSON output, sorting, de-duplication, the error cap and "did you mean".
 * Prints one PASS/FAIL line per check; exits 1 if any check failed. */
#include "compiler/arena.h"
#include "compiler/diag.h"
#include "compiler/source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"

static void check_lc(const struct source *s, uint32_t off, uint32_t line,
		     uint32_t col, const char *what)
{
	struct linecol lc = source_linecol(s, off);
	char buf[96];
	snprintf(buf, sizeof buf, "want %u:%u, got %u:%u", line, col, lc.line,
		 lc.column);
	check(lc.line == line && lc.column == col, what, buf);
}

static void check_num(size_t got, size_t want, const char *what)
{
	char buf[64];
	snprintf(buf, sizeof buf, "want %zu, got %zu", want, got);
	check(got == want, what, buf);
}

static void check_line(const struct source *s, uint32_t line, const char *want,
		       const char *what)
{
	size_t len;
	const char *p = source_line(s, line, &len);
	char buf[256];
	snprintf(buf, sizeof buf, "want '%s', got '%.*s'", want, (int)len,
		 p ? p : "");
	check(p && len == strlen(want) && memcmp(p, want, len) == 0, what, buf);
}

/* Prints d in the given format into a string (malloc'd). */
static char *render(const struct diag *d, enum diag_format fmt, bool color)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	struct diag_print_opts o = { fmt, color };
	diag_print(d, f, &o);
	fclose(f);
	return buf;
}

static void check_render(const struct diag *d, enum diag_format fmt, bool color,
			 const char *want, const char *what)
{
	char *got = render(d, fmt, color);
	check_str(got, want, what);
	free(got);
}

static const struct source *text_src(struct arena *a, const char *path,
				     const char *text)
{
	return source_from_text(a, path, text, strlen(text));
}

static void test_lines(struct arena *a)
{
	const struct source *s = text_src(a, "crlf", "a\r\nbc\r\nd");
	check_num(s->nlines, 3, "crlf: three lines");
	check_lc(s, 3, 2, 1, "crlf: start of line 2");
	check_lc(s, 4, 2, 2, "crlf: second char of line 2");
	check_lc(s, 1, 1, 2, "crlf: the \\r is at the end of line 1");
	check_line(s, 2, "bc", "crlf: source_line drops \\r\\n");
	check_num(source_offset(s, 1, 99), 5, "crlf: source_offset clamps before \\r");

	s = text_src(a, "cr", "a\rb\nc\r\r\nd");
	check_num(s->nlines, 5, "lone \\r is a line break, as libyaml reads it");
	check_lc(s, 2, 2, 1, "lone \\r: the next character starts line 2");
	check_lc(s, 1, 1, 2, "lone \\r: the \\r is at the end of line 1");
	check_line(s, 1, "a", "lone \\r: source_line drops it");
	check_line(s, 3, "c", "lone \\r before \\r\\n: two breaks");
	check_line(s, 4, "", "lone \\r before \\r\\n: an empty line");
	check_lc(s, 8, 5, 1, "lone \\r before \\r\\n: the last line is 5");

	s = text_src(a, "nonl", "a\nbc");
	check_line(s, 2, "bc", "last line without newline");
	check_lc(s, 4, 2, 3, "end of file after last line without newline");
	check_num(source_offset(s, 1, 99), 4, "source_offset clamps to end of file");
	check_num(source_offset(s, 7, 0), 4, "source_offset past last line");

	s = text_src(a, "nl", "a\n");
	check_lc(s, 2, 2, 1, "end of file after final newline is line 2");
	s = text_src(a, "empty", "");
	check_lc(s, 0, 1, 1, "empty file: 1:1");
	size_t len;
	check(source_line(s, 0, &len) == NULL && len == 0, "source_line(0) is NULL", "");
	check(source_line(s, 2, &len) == NULL, "source_line past the end is NULL", "");
}

static void test_utf8(struct arena *a)
{
	/* "h\u00e9llo w\u00f6rld": 'w' is byte 7, character 7. */
	const struct source *s = text_src(a, "u", "h\xc3\xa9llo w\xc3\xb6rld\nx");
	check_lc(s, 7, 1, 7, "utf-8: column counts code points");
	check_lc(s, 10, 1, 9, "utf-8: after second two-byte char");
	check_num(source_offset(s, 0, 6), 7, "utf-8: source_offset by characters");
	check_num(source_offset(s, 0, 2), 3, "utf-8: source_offset skips continuation bytes");
	check_num(source_offset(s, 1, 0), 14, "utf-8: source_offset of line 2");
}

static void test_spans(struct arena *a)
{
	const struct source *s = text_src(a, "sp", "0123456789");
	struct span x = span_make(s, 8, 10);
	check(x.offset == 8 && x.length == 2, "span_make clamps to end of file", "");
	struct span j = span_join(span_make(s, 2, 1), span_make(s, 5, 3));
	check(j.offset == 2 && j.length == 6, "span_join covers both", "");
}

static void test_read(struct arena *a)
{
	char path[] = "/tmp/ivrc_test_diagXXXXXX";
	int fd = mkstemp(path);
	size_t big = 200000;
	char *buf = malloc(big);
	for (size_t i = 0; i < big; i++)
		buf[i] = (i % 10 == 9) ? '\n' : 'x';
	memcpy(buf, "ab\r\n", 4);
	check(fd >= 0 && write(fd, buf, big) == (ssize_t)big, "write temp file", strerror(errno));
	close(fd);
	const char *err = NULL;
	const struct source *s = source_read(a, path, &err);
	check(s && s->len == big && memcmp(s->text, buf, big) == 0 && s->text[big] == '\0',
	      "source_read reads a 200 KB file whole", err ? err : "content differs");
	if (s)
		check_num(s->nlines, big / 10 + 2, "source_read builds the line table");
	unlink(path);
	free(buf);
	err = NULL;
	check(!source_read(a, "/tmp", &err) && err && strcmp(err, "is a directory") == 0,
	      "directory: 'is a directory'", err ? err : "(no error)");
	err = NULL;
	check(!source_read(a, "/nonexistent/x.yaml", &err) && err &&
	      strcmp(err, strerror(ENOENT)) == 0, "missing file: strerror", err ? err : "(none)");
}

static void test_text(struct arena *a)
{
	const struct source *s = text_src(a, "menus.yaml",
		"menus:\n  support:\n    options:\n      2: menu:suport\n");
	struct diag d;
	diag_init(&d, a);
	diag_error(&d, 201, span_make(s, 40, 11),
		   "unknown destination '%s'; did you mean '%s'?", "menu:suport",
		   "menu:support");
	check_render(&d, DIAG_TEXT, false,
		"menus.yaml:4:10: error: unknown destination 'menu:suport'; did you mean 'menu:support'? [IVR201]\n"
		"    4 |       2: menu:suport\n"
		"      |          ^~~~~~~~~~~\n", "text: gcc-style block");
	check_render(&d, DIAG_TEXT, true,
		"\033[01mmenus.yaml:4:10:\033[m \033[01;31merror:\033[m unknown destination 'menu:suport'; did you mean 'menu:support'? [IVR201]\n"
		"    4 |       2: menu:suport\n"
		"      |          \033[01;32m^~~~~~~~~~~\033[m\n", "text: colour");

	s = text_src(a, "t.dsl", "\tif x\t== y:\n");
	diag_init(&d, a);
	diag_warning(&d, 501, span_make(s, 6, 2), "tab");
	check_render(&d, DIAG_TEXT, false,
		"t.dsl:1:7: warning: tab [IVR501]\n"
		"    1 | \tif x\t== y:\n"
		"      | \t    \t^~\n", "text: tabs kept in the caret line");

	s = text_src(a, "u.yaml", "n\xc3\xa9: \xe2\x82\xac" "5\n");
	diag_init(&d, a);
	diag_note(&d, 102, span_make(s, 5, 4), "euro");
	check_render(&d, DIAG_TEXT, false,
		"u.yaml:1:5: note: euro [IVR102]\n"
		"    1 | n\xc3\xa9: \xe2\x82\xac" "5\n"
		"      |     ^~\n", "text: utf-8 prefix and span in characters");
}

static void test_text_edges(struct arena *a)
{
	const struct source *s = text_src(a, "e", "abc\r\ndef");
	struct diag d;
	diag_init(&d, a);
	diag_error(&d, 101, span_make(s, 1, 6), "past end");
	check_render(&d, DIAG_TEXT, false,
		"e:1:2: error: past end [IVR101]\n"
		"    1 | abc\n"
		"      |  ^~\n", "text: span past line end is cut");
	diag_init(&d, a);
	diag_error(&d, 101, span_make(s, 8, 0), "eof");
	check_render(&d, DIAG_TEXT, false,
		"e:2:4: error: eof [IVR101]\n"
		"    2 | def\n"
		"      |    ^\n", "text: zero-length span at end of last line");
	diag_init(&d, a);
	diag_error(&d, 7, span_make(NULL, 0, 0), "no such target 'x'");
	check_render(&d, DIAG_TEXT, false, "ivrc: error: no such target 'x' [IVR007]\n",
		     "text: finding without source");
}

static void test_json(struct arena *a)
{
	const struct source *s = text_src(a, "a\"b.yaml", "x: \xc3\xa9t\xc3\xa9\ny\n");
	struct diag d;
	diag_init(&d, a);
	check_render(&d, DIAG_JSON, false, "[]\n", "json: empty list");
	diag_error(&d, 201, span_make(s, 3, 5), "bad \"q\"\n");
	diag_warning(&d, 301, span_make(s, 9, 0), "w");
	check_render(&d, DIAG_JSON, false,
		"[{\n"
		"\t\t\"file\":\t\"a\\\"b.yaml\",\n"
		"\t\t\"line\":\t1,\n"
		"\t\t\"column\":\t4,\n"
		"\t\t\"end_line\":\t1,\n"
		"\t\t\"end_column\":\t6,\n"
		"\t\t\"severity\":\t\"error\",\n"
		"\t\t\"code\":\t\"IVR201\",\n"
		"\t\t\"message\":\t\"bad \\\"q\\\"\\n\"\n"
		"\t}, {\n"
		"\t\t\"file\":\t\"a\\\"b.yaml\",\n"
		"\t\t\"line\":\t2,\n"
		"\t\t\"column\":\t1,\n"
		"\t\t\"end_line\":\t2,\n"
		"\t\t\"end_column\":\t1,\n"
		"\t\t\"severity\":\t\"warning\",\n"
		"\t\t\"code\":\t\"IVR301\",\n"
		"\t\t\"message\":\t\"w\"\n"
		"\t}]\n", "json: exact text, escapes, end of multibyte span");
}

static void test_sort(struct arena *a)
{
	const struct source *s1 = text_src(a, "b.yaml", "0123456789\n");
	const struct source *s2 = text_src(a, "a.yaml", "0123456789\n");
	struct diag d;
	diag_init(&d, a);
	diag_error(&d, 300, span_make(s1, 5, 1), "first");
	diag_error(&d, 200, span_make(s1, 5, 1), "code");
	diag_warning(&d, 300, span_make(s1, 5, 1), "second");
	diag_error(&d, 300, span_make(s1, 5, 1), "first");  /* duplicate */
	diag_error(&d, 300, span_make(s1, 5, 2), "first");  /* other length */
	diag_note(&d, 100, span_make(s1, 2, 1), "early");
	diag_error(&d, 900, span_make(s2, 9, 1), "other file");
	diag_sort(&d);
	const char *want[] = { "other file", "early", "code", "first", "second", "first" };
	int ok = d.n == 6;
	for (size_t i = 0; ok && i < 6; i++)
		ok = strcmp(d.items[i].message, want[i]) == 0;
	check(ok, "sort: file, offset, code, then report order", "wrong order");
	check(d.n == 6 && d.items[5].span.length == 2, "dedupe keeps other length", "");
	check_num(d.errors, 4, "dedupe uncounts the removed error");
	check_num(d.warnings, 1, "warnings counted");
}

static void test_cap(struct arena *a)
{
	const struct source *s = text_src(a, "c", "x\n");
	struct diag d;
	diag_init(&d, a);
	d.max_errors = 2;
	for (int i = 0; i < 5; i++)
		diag_error(&d, 101, span_make(s, 0, 1), "e%d", i);
	diag_warning(&d, 501, span_make(s, 0, 1), "w");
	check(d.n == 3 && d.dropped == 3 && d.errors == 5, "cap: errors past the cap dropped",
	      "wrong counts");
	char *out = render(&d, DIAG_TEXT, false);
	const char *tail = "ivrc: note: 3 more errors not shown\n";
	size_t lo = strlen(out), lt = strlen(tail);
	check(lo >= lt && strcmp(out + lo - lt, tail) == 0, "cap: closing note", out);
	free(out);
	diag_init(&d, a);
	d.max_errors = 0;
	for (int i = 0; i < 105; i++)
		diag_error(&d, 101, span_make(s, 0, 1), "e%d", i);
	check(d.n == 100 && d.dropped == 5, "cap: 0 means 100", "wrong counts");
}

static void test_suggest(void)
{
	const char *c[] = { "menu:support", "menu:sales", "main", "Main", "hours" };
	check_str(diag_suggest("menu:suport", c, 5), "menu:support", "suggest: one deletion");
	check_str(diag_suggest("MENU:SALES", c, 5), "menu:sales", "suggest: case-insensitive");
	check(diag_suggest("zzzzzz", c, 5) == NULL, "suggest: nothing close", "");
	check_str(diag_suggest("main", c, 5), "Main", "suggest: skips the word itself");
	check(diag_suggest("mxyn", c, 5) == NULL, "suggest: short word allows distance 1 only", "");
	const char *t[] = { "abcx", "abcy" };
	check_str(diag_suggest("abcz", t, 2), "abcx", "suggest: tie goes to first");
	check(diag_suggest("x", NULL, 0) == NULL, "suggest: no candidates", "");
	const char *k[] = { "retries", "prompt", "final_prompt", "then" };
	check_str(diag_suggest("retry", k, 4), "retries", "suggest: all but the last letter shared");
	check(diag_suggest("ret", k, 4) == NULL, "suggest: a prefix under four letters is too short",
	      "");
	const char *two[] = { "escape_key", "escape_tone" };
	check(diag_suggest("escape", two, 2) == NULL, "suggest: two candidates as good: none", "");
	check_str(diag_suggest("escape", two, 1), "escape_key", "suggest: a word cut short");
}

int main(void)
{
	struct arena a;
	arena_init(&a);
	test_lines(&a);
	test_utf8(&a);
	test_spans(&a);
	test_read(&a);
	test_text(&a);
	test_text_edges(&a);
	test_json(&a);
	test_sort(&a);
	test_cap(&a);
	test_suggest();
	arena_free(&a);
	return failures ? 1 : 0;
}
