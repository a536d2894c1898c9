/* libyaml's event parser as the loader's events: marks become byte
 * offsets, and libyaml's errors findings, with what to write instead where
 * its words do not say it. */
#include "yaml_libyaml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "../compiler/codes.h"

struct reader {
	const struct source *src;
	struct diag *diag;
	bool ascii;                   /* no byte >= 0x80: marks are byte offsets */
};

static bool all_ascii(const char *s, size_t n)
{
	unsigned char any = 0;
	for (size_t i = 0; i < n; i++)
		any |= (unsigned char)s[i];
	return any < 0x80;
}

/* A libyaml mark counts characters; in an ASCII file that is the byte
 * offset, else the line table converts it. */
static uint32_t mark_offset(const struct reader *r, yaml_mark_t m)
{
	return r->ascii ? (uint32_t)m.index : source_offset(r->src, m.line, m.column);
}

/* The spaces a line starts with. */
static size_t indent_of(const char *line, const char *end)
{
	size_t n = 0;
	while (line + n < end && line[n] == ' ')
		n++;
	return n;
}

/* What to write instead, for the mistakes libyaml's words do not explain
 * (its message follows it, as the source of every YAML error): a tab
 * that indents, a line indented like no mapping above it, a '*' or '&'
 * that YAML reads as an alias or an anchor. NULL: none of these. */
static const char *yaml_hint(const struct source *src, uint32_t at, const char *problem,
			     const char *context)
{
	if (!problem || at > src->len)
		return NULL;
	const char *text = src->text;
	if (at < src->len && text[at] == '\t' && strstr(problem, "cannot start any token"))
		return "a tab cannot indent YAML: indent with spaces";
	if (context && (strstr(context, "scanning an alias") || strstr(context, "scanning an anchor"))) {
		size_t k = at;
		while (k > 0 && text[k - 1] != '*' && text[k - 1] != '&' && text[k - 1] != '\n')
			k--;
		if (k > 0 && (text[k - 1] == '*' || text[k - 1] == '&'))
			return text[k - 1] == '*'
				? "'*' starts an alias in YAML: quote a key or value that is '*' ('*': hangup)"
				: "'&' starts an anchor in YAML: quote a value that starts with '&'";
	}
	if (strstr(problem, "did not find expected key") && context &&
	    strstr(context, "block mapping") && at < src->len) {
		/* This line and the nearest line above it with something on it. */
		const char *line = text + at;
		while (line > text && line[-1] != '\n')
			line--;
		const char *end = strchr(line, '\n');
		size_t mine = indent_of(line, end ? end : text + src->len);
		const char *above = line;
		while (above > text) {
			const char *prev_end = above - 1;
			above = prev_end;
			while (above > text && above[-1] != '\n')
				above--;
			size_t n = indent_of(above, prev_end);
			if (above + n < prev_end && above[n] != '#')
				return mine == n ? NULL : "this line is indented unlike the keys around it: "
					"a key lines up with the keys of its mapping, in spaces";
		}
	}
	return NULL;
}

static void report_parser_error(const struct reader *r, yaml_parser_t *p)
{
	if (p->error == YAML_MEMORY_ERROR) {
		/* Not a fault of the input: said as the arena says it. */
		fputs("ivrc: out of memory\n", stderr);
		abort();
	}
	yaml_mark_t m = p->problem_mark;
	/* A reader error (bad encoding, control character) has no mark: its
	 * place is the byte offset. */
	uint32_t at_byte = p->error == YAML_READER_ERROR ? (uint32_t)p->problem_offset
							  : mark_offset(r, m);
	struct span at = span_make(r->src, at_byte, 1);
	const char *hint = yaml_hint(r->src, at_byte, p->problem, p->context);
	if (p->context)
		diag_error(r->diag, IVR_SYNTAX, at, "invalid YAML: %s%s%s %s%s", hint ? hint : "",
			   hint ? " (libyaml: " : "", p->problem, p->context, hint ? ")" : "");
	else
		diag_error(r->diag, IVR_SYNTAX, at, "invalid YAML: %s%s%s%s", hint ? hint : "",
			   hint ? " (libyaml: " : "", p->problem ? p->problem : "cannot read the input",
			   hint ? ")" : "");
}

/* The event as the loader takes it; false for events it does not need. */
static bool convert(const struct reader *r, const yaml_event_t *e, struct yaml_ev *out)
{
	*out = (struct yaml_ev){ .start = mark_offset(r, e->start_mark),
				 .end = mark_offset(r, e->end_mark) };
	switch (e->type) {
	case YAML_DOCUMENT_START_EVENT:
		out->kind = YEV_DOCUMENT;
		return true;
	case YAML_SCALAR_EVENT:
		out->kind = YEV_SCALAR;
		out->text = (const char *)e->data.scalar.value;
		out->len = e->data.scalar.length;
		out->tag = (const char *)e->data.scalar.tag;
		out->anchor = (const char *)e->data.scalar.anchor;
		out->quoted = e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE || out->tag;
		return true;
	case YAML_SEQUENCE_START_EVENT:
		out->kind = YEV_SEQ_START;
		out->tag = (const char *)e->data.sequence_start.tag;
		out->anchor = (const char *)e->data.sequence_start.anchor;
		return true;
	case YAML_MAPPING_START_EVENT:
		out->kind = YEV_MAP_START;
		out->tag = (const char *)e->data.mapping_start.tag;
		out->anchor = (const char *)e->data.mapping_start.anchor;
		return true;
	case YAML_SEQUENCE_END_EVENT:
		out->kind = YEV_SEQ_END;
		return true;
	case YAML_MAPPING_END_EVENT:
		out->kind = YEV_MAP_END;
		return true;
	case YAML_ALIAS_EVENT:
		out->kind = YEV_ALIAS;
		out->anchor = (const char *)e->data.alias.anchor;
		return true;
	case YAML_STREAM_END_EVENT:
		out->kind = YEV_STREAM_END;
		return true;
	default:
		return false;
	}
}

bool yaml_libyaml_events(const struct source *src, struct diag *d, yaml_ev_fn fn, void *ctx)
{
	struct reader r = { src, d, all_ascii(src->text, src->len) };
	/* libyaml would decode a UTF-16 file (by its byte order mark), but the
	 * positions of findings, suppression comments and every other reader
	 * of the text take it as UTF-8: one encoding, said so. (Without a byte
	 * order mark libyaml reads UTF-8.) */
	if (src->len >= 2 && ((src->text[0] == '\xFF' && src->text[1] == '\xFE') ||
			      (src->text[0] == '\xFE' && src->text[1] == '\xFF'))) {
		diag_error(d, IVR_SYNTAX, span_make(src, 0, 2),
			   "the file is UTF-16 (it starts with a UTF-16 byte order mark); ivrc "
			   "reads UTF-8: save it as UTF-8");
		return false;
	}
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		fputs("ivrc: out of memory\n", stderr);
		abort();
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)src->text, src->len);
	bool ok = true;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&parser, &e)) {
			report_parser_error(&r, &parser);
			ok = false;
			break;
		}
		struct yaml_ev ev;
		bool go_on = !convert(&r, &e, &ev) || fn(ctx, &ev);
		bool end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (!go_on || end)
			break;
	}
	yaml_parser_delete(&parser);
	return ok;
}
