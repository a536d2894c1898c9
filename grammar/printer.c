/* Printing a document tree: the canonical DSL layout, and YAML through
 * libyaml's emitter. The DSL printer is the parser read backwards: it knows
 * the same shapes (dsl_syntax.h) and writes each construct one way only, so
 * fmt(fmt(x)) == fmt(x). Comments are placed by their source position. */
#include "printer.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../compiler/arena.h"
#include "dsl_syntax.h"
#include "expr.h"

enum { LINE_WIDTH = 100, INDENT = 2 };

struct printer {
	FILE *out;
	const struct dsl_comments *comments;
	size_t next;               /* the next comment to place */
	int indent;
};

/* ---------- scalars ---------- */

static bool word_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '+' || c == '*';
}

static bool word_char(unsigned char c)
{
	return word_start(c) || (c != 0 && strchr(".@:/%=?&~-", c) != NULL);
}

static bool is_decl_keyword(const char *s)
{
	for (size_t i = 0; i < dsl_ndecls; i++)
		if (strcmp(s, dsl_decls[i].keyword) == 0)
			return true;
	return strcmp(s, "ivrc") == 0 || strcmp(s, "entry") == 0 || strcmp(s, "parameters") == 0;
}

/* A scalar that re-lexes as one bare word of the same text. */
static bool is_word(const char *s, size_t n)
{
	if (n == 0 || !(word_start((unsigned char)s[0]) ||
			(s[0] == '-' && n > 1 && s[1] >= '0' && s[1] <= '9')))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!word_char((unsigned char)s[i]))
			return false;
	return s[n - 1] != ':' && s[n - 1] != '-';
}

/* A step's label that re-lexes as one (dsl.re, word_or_label): a word with
 * no ':', starting with a letter or '_'. The DSL has no quoted label (a
 * label is always a name, never null), and a label may end in '-', which
 * is_word refuses. */
static bool is_label(const char *s, size_t n)
{
	if (n == 0 || !(s[0] == '_' || (s[0] | 0x20) >= 'a'))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!word_char((unsigned char)s[i]) || s[i] == ':')
			return false;
	return true;
}

static void put_quoted(FILE *out, const char *s, size_t n)
{
	fputc('"', out);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\r')
			fputs("\\r", out);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u{%x}", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

/* A quoted scalar that reads the same bare: a destination (KIND:ID), which
 * YAML quotes in a flow sequence (`["menu:main"]`) and the DSL writes as a
 * word wherever it reads one. */
static bool is_dest_word(const struct doc_node *n)
{
	const char *colon = memchr(n->text, ':', n->len);
	if (!colon || !is_word(n->text, n->len))
		return false;
	size_t k = (size_t)(colon - n->text);
	for (int d = 0; d < DEST_KIND_COUNT; d++)
		if (ast_dest_kind_names[d] && strlen(ast_dest_kind_names[d]) == k &&
		    strncmp(ast_dest_kind_names[d], n->text, k) == 0)
			return true;
	return false;
}

static void put_scalar(FILE *out, const struct doc_node *n)
{
	if (doc_is_null(n))
		fputs("null", out);
	else if ((!n->quoted || is_dest_word(n)) && is_word(n->text, n->len))
		fwrite(n->text, 1, n->len, out);
	else
		put_quoted(out, n->text, n->len);
}

static void put_key(FILE *out, const struct doc_node *k)
{
	if (k->kind == DOC_SCALAR && is_word(k->text, k->len) && !is_decl_keyword(k->text))
		fwrite(k->text, 1, k->len, out);
	else if (k->kind == DOC_SCALAR)
		put_quoted(out, k->text, k->len);
	else
		fputs("\"?\"", out);
}

/* ---------- comments and lines ---------- */

static const struct dsl_comment *pending(const struct printer *p)
{
	return p->comments && p->next < p->comments->count ? &p->comments->items[p->next] : NULL;
}

static void put_indent(struct printer *p)
{
	for (int i = 0; i < p->indent; i++)
		fputc(' ', p->out);
}

/* Starts a line for a node at src_offset: comments before it go first. */
static void begin_line(struct printer *p, const struct span *at)
{
	const struct dsl_comment *c;
	while (at && at->src && (c = pending(p)) && c->span.offset < at->offset) {
		put_indent(p);
		fwrite(c->text, 1, c->len, p->out);
		fputc('\n', p->out);
		p->next++;
	}
	put_indent(p);
}

/* Ends a line whose last source text ends at `last`: a comment that followed
 * it on the same source line stays at the end of the line. */
static void end_line(struct printer *p, const struct span *last)
{
	const struct dsl_comment *c = pending(p);
	if (c && !c->own_line && last && last->src &&
	    source_linecol(last->src, c->span.offset).line ==
		    source_linecol(last->src, last->offset).line) {
		fputs("  ", p->out);
		fwrite(c->text, 1, c->len, p->out);
		p->next++;
	}
	fputc('\n', p->out);
}

static bool comment_inside(const struct printer *p, const struct doc_node *n)
{
	const struct dsl_comment *c = pending(p);
	return c && n->span.src && c->span.offset < n->span.offset + n->span.length;
}

static struct span end_of(const struct doc_node *n)
{
	struct span s = n->span;
	if (s.length)
		s.offset += s.length - 1;
	s.length = 1;
	return s;
}

/* ---------- values ---------- */

static bool inline_able(const struct doc_node *n, int depth)
{
	if (n->kind == DOC_SCALAR)
		return true;
	if (depth > 1)
		return false;
	for (size_t i = 0; i < n->count; i++) {
		const struct doc_node *v = n->kind == DOC_SEQ ? n->items[i] : n->pairs[i].value;
		if (!inline_able(v, depth + 1))
			return false;
	}
	return true;
}

static void put_inline(FILE *out, const struct doc_node *n)
{
	if (n->kind == DOC_SCALAR) {
		put_scalar(out, n);
	} else if (n->kind == DOC_SEQ) {
		fputc('[', out);
		for (size_t i = 0; i < n->count; i++) {
			fputs(i ? ", " : "", out);
			put_inline(out, n->items[i]);
		}
		fputc(']', out);
	} else if (n->count == 0) {
		fputs("{}", out);
	} else {
		fputs("{ ", out);
		for (size_t i = 0; i < n->count; i++) {
			fputs(i ? "; " : "", out);
			put_key(out, n->pairs[i].key);
			fputc(' ', out);
			put_inline(out, n->pairs[i].value);
		}
		fputs(" }", out);
	}
}

/* The one-line form of n when it has one that fits after `used` columns. */
static char *try_inline(const struct printer *p, const struct doc_node *n, size_t used)
{
	if (!inline_able(n, 0) || comment_inside(p, n))
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	put_inline(f, n);
	fclose(f);
	if (n->kind != DOC_SCALAR && used + len > LINE_WIDTH) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void print_entries(struct printer *p, const struct doc_node *map);

/* Writes a value after text already on the line (`used` columns); the caller
 * ends the line. Returns the span of the last source text written. */
static struct span print_value(struct printer *p, const struct doc_node *n, size_t used)
{
	char *one = try_inline(p, n, used);
	if (one) {
		fputs(one, p->out);
		free(one);
		return end_of(n);
	}
	bool seq = n->kind == DOC_SEQ;
	fputc(seq ? '[' : '{', p->out);
	end_line(p, &n->span);
	p->indent += INDENT;
	if (seq) {
		for (size_t i = 0; i < n->count; i++) {
			begin_line(p, &n->items[i]->span);
			struct span last = print_value(p, n->items[i], (size_t)p->indent);
			fputc(',', p->out);
			end_line(p, &last);
		}
	} else {
		print_entries(p, n);
	}
	p->indent -= INDENT;
	struct span close = end_of(n);
	begin_line(p, &close);
	fputc(seq ? ']' : '}', p->out);
	return close;
}

/* key value, one line (or a block) each; `bare`: a top-level statement
 * such as `ivrc 1`, whose keyword is not quoted. */
static void print_entry_as(struct printer *p, const struct doc_node *key,
			   const struct doc_node *value, bool bare)
{
	begin_line(p, &key->span);
	if (bare)
		fwrite(key->text, 1, key->len, p->out);
	else
		put_key(p->out, key);
	fputc(' ', p->out);
	struct span last = print_value(p, value, (size_t)p->indent + key->len + 1);
	end_line(p, &last);
}

static void print_entry(struct printer *p, const struct doc_node *key, const struct doc_node *value)
{
	print_entry_as(p, key, value, false);
}

static void print_entries(struct printer *p, const struct doc_node *map)
{
	for (size_t i = 0; i < map->count; i++)
		print_entry(p, map->pairs[i].key, map->pairs[i].value);
}

/* Opens a block that is always written on several lines. */
static void open_block(struct printer *p, const struct doc_node *n)
{
	fputc('{', p->out);
	end_line(p, &n->span);
	p->indent += INDENT;
}

static void close_block(struct printer *p, const struct doc_node *n, bool end)
{
	p->indent -= INDENT;
	struct span close = end_of(n);
	begin_line(p, &close);
	fputc('}', p->out);
	if (end)
		end_line(p, &close);
}

/* ---------- menus ---------- */

static const struct doc_node *get(const struct doc_node *map, const char *key)
{
	for (size_t i = 0; map && map->kind == DOC_MAP && i < map->count; i++)
		if (map->pairs[i].key->kind == DOC_SCALAR && strcmp(map->pairs[i].key->text, key) == 0)
			return map->pairs[i].value;
	return NULL;
}

/* key -> destination [ { extras } ] */
static void print_option(struct printer *p, const struct doc_pair *opt)
{
	begin_line(p, &opt->key->span);
	put_key(p->out, opt->key);
	fputs(" -> ", p->out);
	const struct doc_node *v = opt->value, *to = get(v, "to");
	if (v->kind != DOC_MAP || !to) {
		struct span last = print_value(p, v, 0);
		end_line(p, &last);
		return;
	}
	put_scalar(p->out, to);
	struct doc_node extra = *v;
	struct doc_pair *pairs = malloc(v->count * sizeof *pairs);
	extra.count = 0;
	extra.pairs = pairs;
	for (size_t i = 0; pairs && i < v->count; i++)
		if (v->pairs[i].value != to)
			pairs[extra.count++] = v->pairs[i];
	struct span last = end_of(to);
	if (extra.count) {
		fputc(' ', p->out);
		last = print_value(p, &extra, (size_t)p->indent + opt->key->len + to->len + 6);
	}
	free(pairs);
	end_line(p, &last);
}

static void print_menu(struct printer *p, const struct doc_node *menu)
{
	open_block(p, menu);
	for (size_t i = 0; i < menu->count; i++) {
		const struct doc_pair *e = &menu->pairs[i];
		if (strcmp(e->key->text, "options") == 0 && e->value->kind == DOC_MAP)
			for (size_t j = 0; j < e->value->count; j++)
				print_option(p, &e->value->pairs[j]);
		else
			print_entry(p, e->key, e->value);
	}
	close_block(p, menu, false);
}

/* ---------- flows ---------- */

static void print_steps(struct printer *p, const struct doc_node *seq);

static bool consumed(const struct dsl_step *st, const char *key)
{
	static const char *const extras[] = { "value", "in", "delimiter", "else", "cases", "default" };
	if ((st->positional && strcmp(key, st->positional) == 0) ||
	    (st->body_key && strcmp(key, st->body_key) == 0))
		return true;
	for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++)
		if (strcmp(key, extras[i]) == 0 &&
		    (i == 0 ? strcmp(st->name, "set") == 0 :
		     i < 3 ? strcmp(st->name, "for_each") == 0 :
		     i == 3 ? strcmp(st->name, "if") == 0 : st->body == DSL_BODY_CASES))
			return true;
	return false;
}

static void put_after(struct printer *p, const char *word, const struct doc_node *v)
{
	if (!v)
		return;
	if (word[0])
		fprintf(p->out, " %s", word);
	if (v->kind == DOC_SCALAR) {
		fputc(' ', p->out);
		put_scalar(p->out, v);
	} else {
		fputc(' ', p->out);
		put_inline(p->out, v);
	}
}

/* switch VAR { case V { ... } default { ... } } */
static void print_cases(struct printer *p, const struct doc_node *args)
{
	const struct doc_node *cases = get(args, "cases"), *dflt = get(args, "default");
	open_block(p, args);
	for (size_t i = 0; cases && i < cases->count; i++) {
		begin_line(p, &cases->pairs[i].key->span);
		fputs("case ", p->out);
		put_quoted(p->out, cases->pairs[i].key->text, cases->pairs[i].key->len);
		fputc(' ', p->out);
		print_steps(p, cases->pairs[i].value);
		end_line(p, NULL);
	}
	if (dflt) {
		begin_line(p, &dflt->span);
		fputs("default ", p->out);
		print_steps(p, dflt);
		end_line(p, NULL);
	}
	close_block(p, args, false);
}

/* A condition as its tree prints (docs/LANGUAGE.md, "Expressions": one
 * form for `${a} == 1`, `${a == 1}` and `a == 1`); one that does not parse
 * is written as it is, for check to point at. */
static void put_cond(struct printer *p, const struct doc_node *v)
{
	struct arena a;
	struct lex_error e;
	arena_init(&a);
	struct ast_expr *x = v && v->kind == DOC_SCALAR ? expr_parse(&a, v->text, v->len, &e) : NULL;
	if (x) {
		struct doc_node canonical = *v;
		canonical.text = expr_print(&a, x);
		canonical.len = (uint32_t)strlen(canonical.text);
		canonical.quoted = true;
		put_after(p, "", &canonical);
	} else {
		put_after(p, "", v);
	}
	arena_free(&a);
}

/* The arguments and blocks of a step written as a mapping. */
static void print_step_args(struct printer *p, const struct dsl_step *st,
			    const struct doc_node *args, struct span *last)
{
	if (st->positional && strcmp(st->positional, "cond") == 0)
		put_cond(p, get(args, "cond"));
	else if (st->positional)
		put_after(p, "", get(args, st->positional));
	if (strcmp(st->name, "set") == 0)
		put_after(p, "", get(args, "value"));
	if (strcmp(st->name, "for_each") == 0) {
		put_after(p, "in", get(args, "in"));
		put_after(p, "delimiter", get(args, "delimiter"));
	}
	struct doc_node rest = *args;
	struct doc_pair *pairs = malloc((args->count + 1) * sizeof *pairs);
	rest.pairs = pairs;
	rest.count = 0;
	for (size_t i = 0; pairs && i < args->count; i++)
		if (!consumed(st, args->pairs[i].key->text))
			pairs[rest.count++] = args->pairs[i];
	if (rest.count) {
		fputc(' ', p->out);
		*last = print_value(p, &rest, (size_t)p->indent + 24);
	}
	free(pairs);
	if (st->body == DSL_BODY_CASES) {
		fputc(' ', p->out);
		print_cases(p, args);
	} else if (st->body == DSL_BODY_STEPS && get(args, st->body_key)) {
		fputc(' ', p->out);
		print_steps(p, get(args, st->body_key));
		if (get(args, "else")) {
			fputs(" else ", p->out);
			print_steps(p, get(args, "else"));
		}
	}
}

static void print_step(struct printer *p, const struct doc_node *n)
{
	begin_line(p, &n->span);
	struct span last = end_of(n);
	if (n->kind == DOC_SCALAR) {
		put_scalar(p->out, n);
		end_line(p, &n->span);
		return;
	}
	const struct doc_node *label = get(n, "label");
	const struct doc_pair *step = NULL;
	for (size_t i = 0; i < n->count; i++)
		if (n->pairs[i].value != label)
			step = &n->pairs[i];
	if (label) {
		if (label->kind == DOC_SCALAR && is_label(label->text, label->len))
			fwrite(label->text, 1, label->len, p->out);
		else
			put_scalar(p->out, label);
		fputs(": ", p->out);
	}
	if (!step) {
		end_line(p, &last);
		return;
	}
	put_key(p->out, step->key);
	const struct dsl_step *st = dsl_step_find(step->key->text, step->key->len);
	const struct doc_node *v = step->value;
	/* `hangup: null` (the mapping form, say with a label) is `hangup`: a
	 * step that takes no argument has nothing to write after its name. */
	bool nothing = st && !st->positional && doc_is_null(v);
	if (v->kind == DOC_SCALAR && (v->len || v->quoted) && !nothing) {
		fputc(' ', p->out);
		put_scalar(p->out, v);
	} else if (v->kind == DOC_MAP && st) {
		print_step_args(p, st, v, &last);
	} else if (v->kind != DOC_SCALAR) {
		fputc(' ', p->out);
		last = print_value(p, v, (size_t)p->indent + step->key->len + 1);
	}
	end_line(p, &last);
}

static void print_steps(struct printer *p, const struct doc_node *seq)
{
	open_block(p, seq);
	for (size_t i = 0; seq->kind == DOC_SEQ && i < seq->count; i++)
		print_step(p, seq->items[i]);
	close_block(p, seq, false);
}

/* A flow: its steps, or {description, steps} as `description "..."` and
 * then the steps, in one block. */
static void print_flow(struct printer *p, const struct doc_node *flow)
{
	const struct doc_node *steps = get(flow, "steps");
	if (flow->kind != DOC_MAP || !steps) {
		print_steps(p, flow);
		return;
	}
	open_block(p, flow);
	for (size_t i = 0; i < flow->count; i++)
		if (flow->pairs[i].value != steps)
			print_entry(p, flow->pairs[i].key, flow->pairs[i].value);
	for (size_t i = 0; steps->kind == DOC_SEQ && i < steps->count; i++)
		print_step(p, steps->items[i]);
	close_block(p, flow, false);
}

/* ---------- the file ---------- */

static const struct dsl_decl *decl_of_section(const char *key)
{
	for (size_t i = 0; i < dsl_ndecls; i++)
		if (strcmp(dsl_decls[i].section, key) == 0)
			return &dsl_decls[i];
	return NULL;
}

/* KEYWORD NAME body */
static void print_declaration(struct printer *p, const struct dsl_decl *d,
			      const struct doc_node *name, const struct doc_node *value)
{
	begin_line(p, &name->span);
	fprintf(p->out, "%s ", d->keyword);
	if (strcmp(d->keyword, "test") == 0)
		put_quoted(p->out, name->text, name->len);
	else
		put_key(p->out, name);
	struct span last = end_of(name);
	size_t used = (size_t)p->indent + strlen(d->keyword) + name->len + 4;
	if (strcmp(d->keyword, "menu") == 0) {
		fputc(' ', p->out);
		print_menu(p, value);
		last = end_of(value);
	} else if (strcmp(d->keyword, "flow") == 0) {
		fputc(' ', p->out);
		print_flow(p, value);
		last = end_of(value);
	} else if (!(strcmp(d->keyword, "target") == 0 &&
		     ((value->kind == DOC_MAP && value->count == 0) || doc_is_null(value)))) {
		fputc(' ', p->out);
		last = print_value(p, value, used);
	}
	end_line(p, &last);
}

/* A test is written `test "NAME" { the other keys }`. */
static void print_test(struct printer *p, const struct dsl_decl *d, const struct doc_node *t)
{
	const struct doc_node *name = get(t, "name");
	struct doc_node rest = *t;
	struct doc_pair *pairs = malloc((t->count + 1) * sizeof *pairs);
	rest.pairs = pairs;
	rest.count = 0;
	for (size_t i = 0; pairs && i < t->count; i++)
		if (t->pairs[i].value != name)
			pairs[rest.count++] = t->pairs[i];
	struct doc_node empty = { .kind = DOC_SCALAR, .span = t->span, .text = "", .quoted = true };
	print_declaration(p, d, name ? name : &empty, &rest);
	free(pairs);
}

/* Lines of a rendered statement, leaving out its leading comment lines. */
static size_t code_lines(const char *s)
{
	size_t n = 0;
	bool leading = true;
	for (const char *line = s; *line;) {
		const char *end = strchr(line, '\n');
		size_t skip = strspn(line, " ");
		leading = leading && line[skip] == '#';
		n += !leading;
		if (!end)
			break;
		line = end + 1;
	}
	return n;
}

/* Each top-level statement is rendered on its own, so that blank lines can
 * go between groups: a new keyword, or a statement of several lines. */
static void print_statement(struct printer *p, const struct doc_pair *e, const char **prev_kw,
			    bool *prev_multi)
{
	const struct dsl_decl *d = decl_of_section(e->key->text);
	size_t n = d ? e->value->count : 1;
	for (size_t i = 0; i < n; i++) {
		FILE *real = p->out;
		char *buf = NULL;
		size_t len = 0;
		p->out = open_memstream(&buf, &len);
		if (!p->out) {
			p->out = real;
			return;
		}
		if (!d)
			print_entry_as(p, e->key, e->value, is_word(e->key->text, e->key->len));
		else if (e->value->kind == DOC_SEQ)
			print_test(p, d, e->value->items[i]);
		else
			print_declaration(p, d, e->value->pairs[i].key, e->value->pairs[i].value);
		fclose(p->out);
		p->out = real;
		const char *kw = d ? d->keyword : "";
		bool multi = code_lines(buf) > 1;
		if (*prev_kw && (strcmp(kw, *prev_kw) != 0 || multi || *prev_multi) &&
		    !(!d && !**prev_kw))
			fputc('\n', p->out);
		fwrite(buf, 1, len, p->out);
		free(buf);
		*prev_kw = kw;
		*prev_multi = multi;
	}
}

char *dsl_print(const struct doc_node *root, const struct dsl_comments *comments)
{
	char *buf = NULL;
	size_t len = 0;
	struct printer p = { open_memstream(&buf, &len), comments, 0, 0 };
	if (!p.out)
		return NULL;
	const char *prev_kw = NULL;
	bool prev_multi = false;
	for (size_t i = 0; root->kind == DOC_MAP && i < root->count; i++)
		print_statement(&p, &root->pairs[i], &prev_kw, &prev_multi);
	const struct dsl_comment *c;
	if (pending(&p) && prev_kw)
		fputc('\n', p.out);
	while ((c = pending(&p))) {
		fwrite(c->text, 1, c->len, p.out);
		fputc('\n', p.out);
		p.next++;
	}
	fclose(p.out);
	return buf;
}

/* ---------- YAML, through libyaml's emitter ---------- */

static int write_to_file(void *data, unsigned char *buffer, size_t size)
{
	return fwrite(buffer, 1, size, data) == size;
}

static bool all_scalars(const struct doc_node *seq)
{
	for (size_t i = 0; i < seq->count; i++)
		if (seq->items[i]->kind != DOC_SCALAR)
			return false;
	return true;
}

static bool emit_node(yaml_emitter_t *em, const struct doc_node *n);

static bool emit_scalar(yaml_emitter_t *em, const struct doc_node *n)
{
	yaml_event_t ev;
	yaml_scalar_style_t style = n->quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
					      : YAML_ANY_SCALAR_STYLE;
	const char *text = !n->quoted && n->len == 0 ? "null" : n->text;
	size_t len = !n->quoted && n->len == 0 ? 4 : n->len;
	return yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)len, 1, 1,
					    style) &&
	       yaml_emitter_emit(em, &ev);
}

static bool emit_collection(yaml_emitter_t *em, const struct doc_node *n)
{
	yaml_event_t ev;
	bool seq = n->kind == DOC_SEQ;
	bool flow = n->count == 0 || (seq && all_scalars(n));
	if (seq ? !yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
		: !yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
			flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE))
		return false;
	if (!yaml_emitter_emit(em, &ev))
		return false;
	for (size_t i = 0; i < n->count; i++) {
		if (seq ? !emit_node(em, n->items[i])
			: !emit_node(em, n->pairs[i].key) || !emit_node(em, n->pairs[i].value))
			return false;
	}
	if (seq ? !yaml_sequence_end_event_initialize(&ev) : !yaml_mapping_end_event_initialize(&ev))
		return false;
	return yaml_emitter_emit(em, &ev);
}

/* Depth is bounded by the front ends (64 levels). */
static bool emit_node(yaml_emitter_t *em, const struct doc_node *n)
{
	return n->kind == DOC_SCALAR ? emit_scalar(em, n) : emit_collection(em, n);
}

char *yaml_print(const struct doc_node *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	yaml_emitter_t em;
	yaml_event_t ev;
	if (!out)
		return NULL;
	bool ok = yaml_emitter_initialize(&em);
	if (ok) {
		yaml_emitter_set_output(&em, write_to_file, out);
		yaml_emitter_set_unicode(&em, 1);
		yaml_emitter_set_width(&em, -1);
		yaml_emitter_set_indent(&em, 2);
		ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
		     yaml_emitter_emit(&em, &ev) &&
		     yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
		     yaml_emitter_emit(&em, &ev) && emit_node(&em, root) &&
		     yaml_document_end_event_initialize(&ev, 1) && yaml_emitter_emit(&em, &ev) &&
		     yaml_stream_end_event_initialize(&ev) && yaml_emitter_emit(&em, &ev) &&
		     yaml_emitter_flush(&em);
		yaml_emitter_delete(&em);
	}
	fclose(out);
	if (!ok) {
		free(buf);
		return NULL;
	}
	return buf;
}
