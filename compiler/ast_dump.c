/* The typed program as JSON (see ast_dump.h). Every field of ast.h that
 * carries meaning is written; spans are not. Step arguments are written from
 * their document nodes, so the shorthand and the long form dump alike. */
#include "ast_dump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "calendar.h"
#include "caps.h"
#include "expr.h"

static void add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
}

static cJSON *dest_json(const struct ast_dest *d)
{
	if (d->kind == DEST_NONE)
		return cJSON_CreateNull();
	char buf[512];
	if (d->kind == DEST_NAME || d->kind == DEST_HANGUP || d->kind == DEST_REPEAT)
		snprintf(buf, sizeof buf, "%s", d->kind == DEST_NAME ? d->id : ast_dest_kind_names[d->kind]);
	else
		snprintf(buf, sizeof buf, "%s:%s", ast_dest_kind_names[d->kind], d->id);
	return cJSON_CreateString(buf);
}

static void add_dest(cJSON *o, const char *key, const struct ast_dest *d)
{
	if (d->kind != DEST_NONE)
		cJSON_AddItemToObject(o, key, dest_json(d));
}

static cJSON *doc_json(const struct doc_node *n)
{
	if (doc_is_null(n))
		return cJSON_CreateNull();   /* however the null was written */
	if (n->kind == DOC_SCALAR)
		return cJSON_CreateString(n->text);
	cJSON *o = n->kind == DOC_SEQ ? cJSON_CreateArray() : cJSON_CreateObject();
	for (size_t i = 0; i < n->count; i++) {
		if (n->kind == DOC_SEQ)
			cJSON_AddItemToArray(o, doc_json(n->items[i]));
		else
			cJSON_AddItemToObject(o, n->pairs[i].key->text, doc_json(n->pairs[i].value));
	}
	return o;
}

static cJSON *handler_json(const struct ast_handler *h)
{
	if (!h->present)
		return cJSON_CreateNull();
	cJSON *o = cJSON_CreateObject();
	add_str(o, "prompt", h->prompt.name);
	add_str(o, "final_prompt", h->final_prompt.name);
	cJSON_AddNumberToObject(o, "retries", (double)h->retries);
	add_dest(o, "then", &h->then);
	return o;
}

static cJSON *settings_json(const struct ast_settings *s)
{
	cJSON *o = cJSON_CreateObject();
	for (size_t i = 0; i < s->count; i++)
		cJSON_AddItemToObject(o, s->items[i].key, doc_json(s->items[i].value));
	return o;
}

static cJSON *decl_json(const struct ast_decl *d)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "name", d->name);
	add_str(o, "description", d->description);
	return o;
}

static cJSON *menu_json(const struct target_set *ts, const struct ast_menu *m)
{
	cJSON *o = decl_json(&m->decl);
	add_str(o, "prompt", m->prompt.name);
	cJSON_AddNumberToObject(o, "timeout", m->timeout);
	cJSON *opts = cJSON_AddArrayToObject(o, "options");
	for (size_t i = 0; i < m->noptions; i++) {
		const struct ast_option *op = &m->options[i];
		cJSON *j = cJSON_CreateObject();
		char key[2] = { op->key, 0 };
		cJSON_AddStringToObject(j, "key", key);
		add_dest(j, "to", &op->to);
		if (op->has_sms_template)
			cJSON_AddNumberToObject(j, "sms_template", (double)op->sms_template);
		if (op->has_email_template)
			cJSON_AddNumberToObject(j, "email_template", (double)op->email_template);
		cJSON_AddItemToArray(opts, j);
	}
	cJSON_AddItemToObject(o, "invalid", handler_json(&m->invalid));
	cJSON_AddItemToObject(o, "no_input", handler_json(&m->no_input));
	for (size_t t = 0; t < ts->count; t++)
		if (ast_menu_settings(m, t)->present)
			cJSON_AddItemToObject(o, ts->caps[t]->name, settings_json(ast_menu_settings(m, t)));
	return o;
}

static cJSON *block_json(const struct ast_block *b);

static cJSON *step_json(const struct ast_step *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "step", ast_step_names[s->kind]);
	add_str(o, "label", s->label);
	cJSON *args = cJSON_AddObjectToObject(o, "args");
	for (size_t i = 0; i < s->nargs; i++) {
		const char *k = s->args[i].key;
		if (strcmp(k, "then") == 0 || strcmp(k, "do") == 0 || strcmp(k, "else") == 0 ||
		    strcmp(k, "cases") == 0 || strcmp(k, "default") == 0)
			continue;
		if (strcmp(k, "cond") == 0 && s->cond_expr) {
			/* The condition as its tree prints: the program, not its spelling. */
			struct arena a;
			arena_init(&a);
			cJSON_AddStringToObject(args, k, expr_print(&a, s->cond_expr));
			arena_free(&a);
			continue;
		}
		cJSON_AddItemToObject(args, k, doc_json(s->args[i].value));
	}
	if (s->body.count)
		cJSON_AddItemToObject(o, "body", block_json(&s->body));
	if (s->has_else)
		cJSON_AddItemToObject(o, "else", block_json(&s->else_body));
	if (s->ncases) {
		cJSON *cases = cJSON_AddObjectToObject(o, "cases");
		for (size_t i = 0; i < s->ncases; i++)
			cJSON_AddItemToObject(cases, s->cases[i].value, block_json(&s->cases[i].body));
	}
	if (s->has_default)
		cJSON_AddItemToObject(o, "default", block_json(&s->default_body));
	return o;
}

static cJSON *block_json(const struct ast_block *b)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < b->count; i++)
		cJSON_AddItemToArray(a, step_json(&b->steps[i]));
	return a;
}

static cJSON *int_list(const int64_t *v, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateNumber((double)v[i]));
	return a;
}

static cJSON *datetime_json(const struct ast_datetime *t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", t->year, t->month, t->day,
		 t->hour, t->minute, t->second);
	return cJSON_CreateString(buf);
}

static cJSON *broadcast_json(const struct ast_broadcast *b)
{
	cJSON *o = decl_json(&b->decl);
	cJSON_AddNumberToObject(o, "phone_list", (double)b->phone_list);
	add_dest(o, "destination", &b->destination);
	add_str(o, "caller_id", b->caller_id);
	cJSON_AddNumberToObject(o, "ring_timeout", b->ring_timeout);
	cJSON_AddNumberToObject(o, "concurrency", (double)b->concurrency);
	cJSON_AddNumberToObject(o, "retries", (double)b->retries);
	cJSON *ra = cJSON_AddArrayToObject(o, "retry_after");
	for (size_t i = 0; i < b->nretry_after; i++)
		cJSON_AddItemToArray(ra, cJSON_CreateNumber(b->retry_after[i]));
	cJSON_AddItemToObject(o, "dial_status", int_list(b->dial_status, b->ndial_status));
	cJSON_AddItemToObject(o, "retry_on", int_list(b->retry_on, b->nretry_on));
	cJSON_AddItemToObject(o, "window_start", datetime_json(&b->window_start));
	cJSON_AddItemToObject(o, "window_end", datetime_json(&b->window_end));
	cJSON_AddNumberToObject(o, "time_group", (double)b->time_group);
	return o;
}

static cJSON *test_json(const struct ast_test *t)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "name", t->name);
	add_dest(o, "start", &t->start);
	cJSON *in = cJSON_AddArrayToObject(o, "input");
	for (size_t i = 0; i < t->ninput; i++)
		cJSON_AddItemToArray(in, cJSON_CreateString(t->input[i].text));
	if (t->has_expect) {
		cJSON *ex = cJSON_AddArrayToObject(o, "expect");
		for (size_t i = 0; i < t->nexpect; i++)
			cJSON_AddItemToArray(ex, dest_json(&t->expect[i]));
	}
	add_dest(o, "expect_end", &t->expect_end);
	if (t->api)
		cJSON_AddItemToObject(o, "api", doc_json(t->api));
	add_str(o, "at", t->at.set ? t->at.text : NULL);
	return o;
}

static cJSON *recording_json(const struct target_set *ts, const struct ast_recording *r)
{
	cJSON *o = decl_json(&r->decl);
	for (size_t t = 0; t < ts->count; t++) {
		const char *id = ast_recording_id(r, t);
		if (id && ts->caps[t]->recording_id == REC_ID_INTEGER)
			cJSON_AddNumberToObject(o, ts->caps[t]->name, (double)strtoll(id, NULL, 10));
		else
			add_str(o, ts->caps[t]->name, id);
	}
	add_str(o, "url", r->url);
	add_str(o, "text", r->text);
	add_str(o, "language", r->language);
	return o;
}

static cJSON *endpoint_json(const struct target_set *ts, const struct ast_endpoint *e)
{
	cJSON *o = decl_json(&e->decl);
	if (!e->per_target)
		add_dest(o, "all", &e->all);
	for (size_t t = 0; e->per_target && t < ts->count; t++)
		add_dest(o, ts->caps[t]->name, &e->lit[t]);
	return o;
}

#define DUMP_LIST(o, key, arr, n, fn) do { \
	cJSON *a_ = cJSON_AddArrayToObject((o), (key)); \
	for (size_t i_ = 0; i_ < (n); i_++) \
		cJSON_AddItemToArray(a_, fn((arr)[i_])); \
} while (0)

/* The same, for the kinds with per-target blocks. */
#define DUMP_LIST_TARGETS(o, key, arr, n, fn) do { \
	cJSON *a_ = cJSON_AddArrayToObject((o), (key)); \
	for (size_t i_ = 0; i_ < (n); i_++) \
		cJSON_AddItemToArray(a_, fn(p->target_set, (arr)[i_])); \
} while (0)

static cJSON *announcement_json(const struct ast_announcement *a)
{
	cJSON *o = decl_json(&a->decl);
	add_str(o, "prompt", a->prompt.name);
	add_dest(o, "then", &a->then);
	return o;
}

static cJSON *voicemail_json(const struct target_set *ts, const struct ast_voicemail *v)
{
	cJSON *o = decl_json(&v->decl);
	add_dest(o, "deliver_to", &v->deliver_to);
	add_str(o, "greeting", v->greeting.name);
	add_str(o, "goodbye", v->goodbye.name);
	for (size_t t = 0; t < ts->count; t++)
		if (ast_voicemail_settings(v, t)->present)
			cJSON_AddItemToObject(o, ts->caps[t]->name,
					      settings_json(ast_voicemail_settings(v, t)));
	return o;
}

static cJSON *flow_json(const struct ast_flow *f)
{
	cJSON *o = decl_json(&f->decl);
	cJSON_AddItemToObject(o, "steps", block_json(&f->body));
	return o;
}

static cJSON *calendar_json(const struct ast_calendar *c)
{
	cJSON *o = decl_json(&c->decl);
	add_str(o, "timezone", c->timezone);
	cJSON *hours = cJSON_AddObjectToObject(o, "hours");
	for (int d = 0; d < 7; d++) {
		if (!c->nhours[d])
			continue;
		cJSON *day = cJSON_AddArrayToObject(hours, ast_day_names[d]);
		for (size_t i = 0; i < c->nhours[d]; i++) {
			char buf[CALENDAR_TEXT_MAX];
			cJSON_AddItemToArray(day, cJSON_CreateString(calendar_range_text(buf,
									 &c->hours[d][i])));
		}
	}
	cJSON *hol = cJSON_AddArrayToObject(o, "holidays");
	for (size_t i = 0; i < c->nholidays; i++) {
		char buf[CALENDAR_TEXT_MAX], every[CALENDAR_TEXT_MAX + 8];
		const struct ast_holiday *h = &c->holidays[i];
		snprintf(every, sizeof every, "%s%s", h->year ? "" : "every ",
			 calendar_holiday_text(buf, h));
		cJSON_AddItemToArray(hol, cJSON_CreateString(every));
	}
	return o;
}

static cJSON *schedule_json(const struct target_set *ts, const struct ast_schedule *sc)
{
	cJSON *o = decl_json(&sc->decl);
	add_str(o, "follows", sc->calendar_name);
	add_dest(o, "open", &sc->open);
	add_dest(o, "closed", &sc->closed);
	add_dest(o, "holiday", &sc->holiday);
	for (size_t t = 0; t < ts->count; t++)
		if (ast_schedule_settings(sc, t)->present)
			cJSON_AddItemToObject(o, ts->caps[t]->name,
					      settings_json(ast_schedule_settings(sc, t)));
	return o;
}

cJSON *ast_dump(const struct ast_program *p)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "ivrc", (double)p->version);
	add_str(o, "name", p->name);
	if (p->has_entry) {
		cJSON *e = cJSON_AddArrayToObject(o, "entry");
		for (size_t i = 0; i < p->nentry; i++)
			cJSON_AddItemToArray(e, dest_json(&p->entry[i]));
	}
	cJSON *targets = cJSON_AddObjectToObject(o, "targets");
	for (size_t t = 0; t < p->target_set->count; t++)
		if (p->targets[t].present)
			cJSON_AddItemToObject(targets, p->target_set->caps[t]->name,
					      settings_json(&p->targets[t]));
	DUMP_LIST_TARGETS(o, "recordings", p->recordings, p->nrecordings, recording_json);
	DUMP_LIST_TARGETS(o, "endpoints", p->endpoints, p->nendpoints, endpoint_json);
	DUMP_LIST_TARGETS(o, "menus", p->menus, p->nmenus, menu_json);
	DUMP_LIST(o, "announcements", p->announcements, p->nannouncements, announcement_json);
	DUMP_LIST_TARGETS(o, "voicemails", p->voicemails, p->nvoicemails, voicemail_json);
	DUMP_LIST(o, "broadcasts", p->broadcasts, p->nbroadcasts, broadcast_json);
	DUMP_LIST(o, "flows", p->flows, p->nflows, flow_json);
	/* Only in programs that have them: the dumps of the others stay as they were. */
	if (p->ncalendars)
		DUMP_LIST(o, "calendars", p->calendars, p->ncalendars, calendar_json);
	if (p->nschedules)
		DUMP_LIST_TARGETS(o, "schedules", p->schedules, p->nschedules, schedule_json);
	DUMP_LIST(o, "tests", p->tests, p->ntests, test_json);
	return o;
}
