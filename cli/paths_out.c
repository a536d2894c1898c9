/* Printing caller paths (paths_out.h). JSON goes out an element at a time
 * (cJSON prints each; the brackets around them are written here), so that
 * a long enumeration streams in every format. */
#include "paths_out.h"

#include <string.h>

#include <cJSON.h>

#include "../compiler/arena.h"
#include "../compiler/shown.h"

static const char *const action_names[] = { "press", "wrong", "silence", "on" };

/* Where it ends, as the text format writes it. */
static const char *end_text(struct arena *a, const char *to, const char *literal)
{
	to = shown_text(a, to);
	return literal ? arena_printf(a, "%s (%s)", to, shown_text(a, literal)) : to;
}

/* ---------- CSV (RFC 4180) ---------- */

static void csv_field(FILE *f, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

/* ---------- JSON pieces ---------- */

static double secs(uint64_t ms)
{
	return (double)ms / 1000.0;
}

static cJSON *steps_json(const struct paths_step *steps, size_t n, struct arena *a)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "at", sim_decl_text(a, steps[i].at));
		cJSON_AddStringToObject(o, "action", action_names[steps[i].action]);
		if (steps[i].action == PATHS_PRESS || steps[i].action == PATHS_WRONG) {
			char key[2] = { steps[i].key, 0 };
			cJSON_AddStringToObject(o, "key", key);
		}
		cJSON_AddItemToArray(arr, o);
	}
	return arr;
}

static cJSON *way_json(const struct paths_way *w, struct arena *a)
{
	if (!w->found)
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "keys", paths_keys_text(a, w->steps, w->nsteps));
	cJSON_AddNumberToObject(o, "seconds", secs(w->ms));
	cJSON_AddNumberToObject(o, "unknown_prompts", (double)w->unknown);
	cJSON_AddNumberToObject(o, "key_count", (double)w->keys);
	cJSON_AddStringToObject(o, "to", w->end_text);
	if (w->end_literal)
		cJSON_AddStringToObject(o, "literal", w->end_literal);
	cJSON_AddItemToObject(o, "steps", steps_json(w->steps, w->nsteps, a));
	return o;
}

static void json_out(FILE *f, cJSON *o)
{
	char *t = cJSON_PrintUnformatted(o);
	fputs(t ? t : "null", f);
	cJSON_free(t);
	cJSON_Delete(o);
}

/* ---------- the printer ---------- */

void paths_out_begin(struct paths_out *o, const char *file)
{
	if (o->format == PATHS_JSON) {
		cJSON *name = cJSON_CreateString(file);
		fputs("{\"file\":", o->f);
		json_out(o->f, name);
		fputs(",\"starts\":[", o->f);
	} else if (o->format == PATHS_CSV) {
		fputs("target,start,keys,seconds,unknown_prompts,end,to,literal,prompts\n", o->f);
	}
}

void paths_out_section(struct paths_out *o, const char *target, const char *start)
{
	o->target = target;
	o->start = start;
	o->npaths = 0;
	if (o->format == PATHS_JSON) {
		cJSON *t = cJSON_CreateString(target), *s = cJSON_CreateString(start);
		fputs(o->sections ? ",{\"target\":" : "{\"target\":", o->f);
		json_out(o->f, t);
		fputs(",\"start\":", o->f);
		json_out(o->f, s);
		fputs(",\"paths\":[", o->f);
	} else if (o->format == PATHS_TEXT) {
		fprintf(o->f, "%s%s on %s:\n", o->sections ? "\n" : "", shown_text(o->a, start),
			target);
	}
	o->sections++;
}

void paths_out_path(void *ctx, const struct paths_path *p)
{
	struct paths_out *o = ctx;
	struct arena *a = o->a;
	const char *keys = paths_keys_text(a, p->steps, p->nsteps);
	const char *end = paths_end_names[p->end];
	if (o->format == PATHS_TEXT) {
		fprintf(o->f, "  %11s  %-9s %s -> %s\n", paths_seconds_text(a, p->ms, p->unknown), end, keys,
			end_text(a, p->end_text, p->end_literal));
	} else if (o->format == PATHS_CSV) {
		const char *heard = "";
		for (size_t i = 0; i < p->nheard; i++)
			heard = arena_concat(a, heard, i ? " " : "", p->heard[i].prompt->name,
					     (const char *)NULL);
		csv_field(o->f, o->target, false);
		csv_field(o->f, o->start, false);
		csv_field(o->f, keys, false);
		csv_field(o->f, paths_tenths_text(a, p->ms), false);
		csv_field(o->f, arena_printf(a, "%zu", p->unknown), false);
		csv_field(o->f, end, false);
		csv_field(o->f, p->end_text, false);
		csv_field(o->f, p->end_literal ? p->end_literal : "", false);
		csv_field(o->f, heard, true);
	} else {
		cJSON *j = cJSON_CreateObject();
		cJSON_AddStringToObject(j, "keys", keys);
		cJSON_AddNumberToObject(j, "seconds", secs(p->ms));
		cJSON_AddNumberToObject(j, "unknown_prompts", (double)p->unknown);
		cJSON_AddStringToObject(j, "end", end);
		cJSON_AddStringToObject(j, "to", p->end_text);
		if (p->end_literal)
			cJSON_AddStringToObject(j, "literal", p->end_literal);
		cJSON_AddItemToObject(j, "steps", steps_json(p->steps, p->nsteps, a));
		cJSON *heard = cJSON_AddArrayToObject(j, "heard");
		for (size_t i = 0; i < p->nheard; i++) {
			cJSON *h = cJSON_CreateObject();
			cJSON_AddStringToObject(h, "prompt", p->heard[i].prompt->name);
			if (p->heard[i].known)
				cJSON_AddNumberToObject(h, "seconds", secs(p->heard[i].ms));
			else
				cJSON_AddNullToObject(h, "seconds");
			cJSON_AddItemToArray(heard, h);
		}
		if (o->npaths)
			fputc(',', o->f);
		json_out(o->f, j);
	}
	o->npaths++;
}

static const char *way_text(struct arena *a, const struct paths_way *w)
{
	if (!w->found)
		return "none";
	return arena_printf(a, "%s: %s to %s (%zu key%s)",
			    paths_keys_text(a, w->steps, w->nsteps),
			    paths_seconds_text(a, w->ms, w->unknown),
			    end_text(a, w->end_text, w->end_literal), w->keys, w->keys == 1 ? "" : "s");
}

static void summary_text(struct paths_out *o, const struct paths_summary *s)
{
	struct arena *a = o->a;
	FILE *f = o->f;
	fprintf(f, "  summary:\n");
	fprintf(f, "    fastest to a human:     %s\n", way_text(a, &s->fastest_human));
	fprintf(f, "    fewest keys to a human: %s\n", way_text(a, &s->fewest_keys_human));
	fprintf(f, "    slowest to a human:     %s\n", way_text(a, &s->slowest_human));
	fprintf(f, "    ends (%.0f paths, loops cut):", s->paths);
	for (int e = 0; e < PATHS_END_COUNT; e++)
		if (s->by_end[e] > 0)
			fprintf(f, " %s %.0f (%.0f%%)", paths_end_names[e], s->by_end[e],
				100.0 * s->by_end[e] / s->paths);
	fputc('\n', f);
	fprintf(f, "    hangups with no human offered on the way: %s\n",
		s->nlonely_hangups ? "" : "none");
	for (size_t i = 0; i < s->nlonely_hangups; i++)
		fprintf(f, "      %s\n", way_text(a, &s->lonely_hangups[i]) );
	fprintf(f, "    menus a caller leaves only by hanging up: %s",
		s->ntrapped ? "" : "none");
	for (size_t i = 0; i < s->ntrapped; i++)
		fprintf(f, "%s%s", i ? ", " : "", shown_text(a, sim_decl_text(a, s->trapped[i])));
	fputc('\n', f);
}

static cJSON *summary_json(const struct paths_summary *s, struct arena *a)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "fastest_human", way_json(&s->fastest_human, a));
	cJSON_AddItemToObject(o, "fewest_keys_human", way_json(&s->fewest_keys_human, a));
	cJSON_AddItemToObject(o, "slowest_human", way_json(&s->slowest_human, a));
	cJSON_AddNumberToObject(o, "paths", s->paths);
	cJSON *ends = cJSON_AddObjectToObject(o, "ends");
	for (int e = 0; e < PATHS_END_COUNT; e++)
		cJSON_AddNumberToObject(ends, paths_end_names[e], s->by_end[e]);
	cJSON *lonely = cJSON_AddArrayToObject(o, "hangups_without_human");
	for (size_t i = 0; i < s->nlonely_hangups; i++)
		cJSON_AddItemToArray(lonely, way_json(&s->lonely_hangups[i], a));
	cJSON *trapped = cJSON_AddArrayToObject(o, "menus_left_only_by_hanging_up");
	for (size_t i = 0; i < s->ntrapped; i++)
		cJSON_AddItemToArray(trapped, cJSON_CreateString(sim_decl_text(a, s->trapped[i])));
	return o;
}

void paths_out_summary(struct paths_out *o, size_t given, bool more, size_t limit,
		       const struct paths_summary *s)
{
	if (o->format == PATHS_TEXT) {
		if (more)
			fprintf(o->f, "  ... stopped at %zu paths (--limit %zu; --limit 0 lists all)\n",
				given, limit);
		else
			fprintf(o->f, "  %zu path%s\n", given, given == 1 ? "" : "s");
		summary_text(o, s);
	} else if (o->format == PATHS_JSON) {
		fprintf(o->f, "],\"complete\":%s,\"summary\":", more ? "false" : "true");
		json_out(o->f, summary_json(s, o->a));
		fputc('}', o->f);
	}
	fflush(o->f);
}

void paths_out_end(struct paths_out *o)
{
	if (o->format == PATHS_JSON)
		fputs("]}\n", o->f);
	fflush(o->f);
}
