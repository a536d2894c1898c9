/* Unit test for the link step (targets/link.c) and the Smartflo lowering:
 * dependency order (chain, diamond, cycles, self-loops, 10 000 objects),
 * placeholders filled from a state file, the exact rendered bundle, and the
 * bodies lowered from small hand-built programs. Prints one PASS/FAIL line
 * per check; exits 1 if any check failed. */
#include "targets/target.h"
#include "targets/link.h"
#include "compiler/arena.h"
#include "compiler/codes.h"
#include "compiler/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "check.h"

/* Compares the unformatted print of j (then frees the text). */

static const struct target *smartflo(void)
{
	return target_named("smartflo", NULL);
}

static void check_json(const cJSON *j, const char *want, const char *what)
{
	char *got = cJSON_PrintUnformatted(j);
	check_str(got, want, what);
	free(got);
}

/* ---------- hand-built bundles ---------- */

/* An "ivr" object at a source offset; deps: space-separated names of ivrs. */
static void obj(struct bundle *b, const char *name, uint32_t offset, const char *deps)
{
	struct bundle_object *o = bundle_add(b, "ivr", name);
	o->remote_name = arena_printf(b->arena, "p-%s", name);
	o->method = "POST";
	o->path = "/v1/ivr";
	o->span.offset = offset;
	for (const char *s = deps; *s;) {
		size_t n = strcspn(s, " ");
		if (n)
			bundle_add_dep(b, o, "ivr", arena_strndup(b->arena, s, n));
		s += n + (s[n] == ' ');
	}
}

static const char *order_of(struct bundle *b)
{
	static char buf[256];  /* test-only scratch */
	buf[0] = '\0';
	for (size_t i = 0; i < b->count; i++) {
		if (i)
			strcat(buf, ",");
		strcat(buf, b->objects[i].name);
	}
	return buf;
}

struct fixture {
	struct arena arena;
	struct bundle b;
};

static void fx_open(struct fixture *f)
{
	arena_init(&f->arena);
	bundle_init(&f->b, &f->arena, smartflo(), "p");
}

static void fx_close(struct fixture *f)
{
	bundle_free(&f->b);
	arena_free(&f->arena);
}

static void test_order_small(void)
{
	struct fixture f;
	fx_open(&f);
	obj(&f.b, "a", 0, "b");
	obj(&f.b, "b", 10, "c");
	obj(&f.b, "c", 20, "");
	link_order(&f.b);
	check_str(order_of(&f.b), "c,b,a", "order: chain");
	fx_close(&f);

	fx_open(&f);
	obj(&f.b, "top", 0, "right left");
	obj(&f.b, "left", 10, "bottom");
	obj(&f.b, "right", 20, "bottom");
	obj(&f.b, "bottom", 30, "");
	link_order(&f.b);
	check_str(order_of(&f.b), "bottom,left,right,top", "order: diamond");
	fx_close(&f);

	fx_open(&f);
	obj(&f.b, "x", 0, "b");
	obj(&f.b, "c", 30, "a");
	obj(&f.b, "a", 10, "b");
	obj(&f.b, "y", 40, "");
	obj(&f.b, "b", 20, "c");
	link_order(&f.b);
	check_str(order_of(&f.b), "a,b,c,x,y", "order: cycle of 3 in source order");
	fx_close(&f);

	fx_open(&f);
	obj(&f.b, "t", 10, "s");
	obj(&f.b, "s", 0, "s");
	obj(&f.b, "u", 5, "nowhere");
	link_order(&f.b);
	check_str(order_of(&f.b), "s,u,t", "order: self-loop, unknown dep");
	fx_close(&f);

	fx_open(&f);
	obj(&f.b, "b", 10, "");
	obj(&f.b, "a", 10, "");
	obj(&f.b, "c", 5, "");
	link_order(&f.b);
	check_str(order_of(&f.b), "c,b,a", "order: equal offsets keep bundle order");
	fx_close(&f);
}

enum { BIG = 10000 };

/* Object i sits at offset i and depends on i+1 (the last on 0 when cyclic). */
static void big_bundle(struct fixture *f, int cyclic)
{
	fx_open(f);
	for (size_t i = 0; i < BIG; i++) {
		const char *next = i + 1 < BIG ? arena_printf(&f->arena, "n%zu", i + 1)
					       : cyclic ? "n0" : "";
		obj(&f->b, arena_printf(&f->arena, "n%zu", i), (uint32_t)i, next);
	}
}

static void test_order_big(void)
{
	struct fixture f;
	big_bundle(&f, 0);
	clock_t t0 = clock();
	link_order(&f.b);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	int ok = f.b.count == BIG;
	for (size_t i = 0; ok && i < BIG; i++) {
		char want[16];
		snprintf(want, sizeof want, "n%zu", BIG - 1 - i);
		ok = strcmp(f.b.objects[i].name, want) == 0;
	}
	check(ok, "order: 10000-object chain in reverse source order", "wrong order");
	check(secs < 1.0, "order: 10000-object chain is fast", "took over a second");
	fx_close(&f);

	big_bundle(&f, 1);
	link_order(&f.b);
	ok = 1;
	for (size_t i = 0; ok && i < BIG; i++)
		ok = f.b.objects[i].span.offset == i;
	check(ok, "order: 10000-object cycle keeps source order", "wrong order");
	fx_close(&f);
}

/* ---------- link_fill ---------- */

static const char *const fill_state =
	"{\"version\":1,\"targets\":{"
	"\"smartflo\":{\"objects\":{\"ivr:a\":{\"id\":\"123\"},\"ivr:b\":{\"id\":\"77\"},"
	"\"auto_attendant:z\":{\"id\":5}}},"
	"\"sonetel\":{\"objects\":{\"ivr:c\":{\"id\":\"999\"}}}}}";

static void test_fill(void)
{
	struct fixture f;
	fx_open(&f);
	obj(&f.b, "a", 0, "b c");
	obj(&f.b, "c", 10, "");
	const char *body = "{\"name\":\"x\",\"destination\":[\"ivr|@{ivr:b}\",\"@{ivr:c}\"],"
		"\"nested\":{\"deep\":[{\"d\":\"pre @{auto_attendant:z} mid @{ivr:b} post\"}]},"
		"\"n\":5,\"open\":\"@{ivr:b\",\"empty\":\"@{}\"}";
	cJSON_Delete(f.b.objects[0].body);
	f.b.objects[0].body = cJSON_Parse(body);
	cJSON *state = cJSON_Parse(fill_state);
	check(!link_fill(&f.b, state), "fill: version 1 state accepted", "returned an error");
	check_json(f.b.objects[0].body,
		   "{\"name\":\"x\",\"destination\":[\"ivr|77\",\"@{ivr:c}\"],"
		   "\"nested\":{\"deep\":[{\"d\":\"pre 5 mid 77 post\"}]},"
		   "\"n\":5,\"open\":\"@{ivr:b\",\"empty\":\"@{}\"}",
		   "fill: nested placeholders, unknown ones stay");
	check_str(f.b.objects[0].method, "PUT", "fill: own id known -> PUT");
	check_str(f.b.objects[0].path, "/v1/ivr/123", "fill: own id known -> path/id");
	check_str(f.b.objects[1].method, "POST", "fill: own id unknown -> POST");
	check_str(f.b.objects[1].path, "/v1/ivr", "fill: own id unknown -> path");
	cJSON_Delete(state);

	state = cJSON_Parse("{\"version\":2,\"targets\":{}}");
	check_str(link_fill(&f.b, state), "not an ivrc state file (version 2)",
		  "fill: version 2 without projects refused");
	check_str(f.b.objects[1].method, "POST", "fill: refused state changes nothing");
	cJSON_Delete(state);
	state = cJSON_Parse("{\"version\":3,\"projects\":{}}");
	check_str(link_fill(&f.b, state), "not an ivrc state file (version 2)",
		  "fill: other state version refused");
	cJSON_Delete(state);
	state = cJSON_Parse("{\"version\":1}");
	check(!link_fill(&f.b, state), "fill: state without targets accepted", "returned an error");
	cJSON_Delete(state);
	fx_close(&f);
}

/* ---------- link_render ---------- */

static void test_render(void)
{
	struct fixture f;
	fx_open(&f);
	obj(&f.b, "main", 0, "support");
	struct bundle_object *o = &f.b.objects[0];
	bundle_add_dep(&f.b, o, "auto_attendant", "hours");
	bundle_add_dep(&f.b, o, "ivr", "support");
	bundle_add_dep(&f.b, o, "ivr", "main");
	cJSON_AddStringToObject(o->body, "name", "p-main");
	cJSON_AddItemToObject(o->body, "option", cJSON_CreateArray());
	obj(&f.b, "support", 10, "");
	cJSON *j = link_render(&f.b);
	char *got = cJSON_Print(j);
	check_str(got,
		  "{\n"
		  "\t\"target\":\t\"smartflo\",\n"
		  "\t\"project\":\t\"p\",\n"
		  "\t\"objects\":\t[{\n"
		  "\t\t\t\"kind\":\t\"ivr\",\n"
		  "\t\t\t\"name\":\t\"main\",\n"
		  "\t\t\t\"remote_name\":\t\"p-main\",\n"
		  "\t\t\t\"method\":\t\"POST\",\n"
		  "\t\t\t\"path\":\t\"/v1/ivr\",\n"
		  "\t\t\t\"depends_on\":\t[\"auto_attendant:hours\", \"ivr:main\", \"ivr:support\"],\n"
		  "\t\t\t\"body\":\t{\n"
		  "\t\t\t\t\"name\":\t\"p-main\",\n"
		  "\t\t\t\t\"option\":\t[]\n"
		  "\t\t\t}\n"
		  "\t\t}, {\n"
		  "\t\t\t\"kind\":\t\"ivr\",\n"
		  "\t\t\t\"name\":\t\"support\",\n"
		  "\t\t\t\"remote_name\":\t\"p-support\",\n"
		  "\t\t\t\"method\":\t\"POST\",\n"
		  "\t\t\t\"path\":\t\"/v1/ivr\",\n"
		  "\t\t\t\"depends_on\":\t[],\n"
		  "\t\t\t\"body\":\t{\n"
		  "\t\t\t}\n"
		  "\t\t}]\n"
		  "}",
		  "render: exact bundle text, depends_on sorted and unique");
	free(got);
	cJSON_Delete(j);
	check_str(link_placeholder(&f.arena, "ivr", "main"), "@{ivr:main}", "placeholder text");
	fx_close(&f);
}

/* link_print writes what cJSON_Print(link_render) and a newline would. */
static void same_print(struct bundle *b, const char *what)
{
	cJSON *j = link_render(b);
	char *whole = cJSON_Print(j);
	cJSON_Delete(j);
	char *want = malloc(strlen(whole) + 2);
	sprintf(want, "%s\n", whole);
	cJSON_free(whole);
	char *got = NULL;
	size_t n = 0;
	FILE *mem = open_memstream(&got, &n);
	bool ok = link_print(b, mem, NULL, NULL);
	fclose(mem);
	check(ok, what, "link_print failed");
	check_str(got, want, what);
	free(got);
	free(want);
}

static void test_print(void)
{
	struct fixture f;
	fx_open(&f);
	same_print(&f.b, "print: no objects");
	obj(&f.b, "main", 0, "support");
	cJSON *body = f.b.objects[0].body;
	cJSON_AddStringToObject(body, "name", "p \"main\"\n[]");
	const double numbers[] = { 0, -5, 42, 999999999999999.0, 1e15, -1e15, 0.5, -0.0, 1e20,
				   123456789012345678.0, 3.25e-7 };
	cJSON *arr = cJSON_AddArrayToObject(body, "numbers");
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(numbers[i]));
	cJSON *deep = cJSON_AddObjectToObject(cJSON_AddObjectToObject(body, "a"), "b");
	cJSON_AddNumberToObject(deep, "timeout", 10);
	cJSON_AddItemToObject(deep, "empty", cJSON_CreateObject());
	obj(&f.b, "support", 10, "");
	obj(&f.b, "other", 20, "main support");
	/* Twice: the second time the integers are raw text already. */
	same_print(&f.b, "print: objects, numbers of every kind, nesting, escapes");
	same_print(&f.b, "print: again, integers now raw text");
	fx_close(&f);
	fx_open(&f);
	f.b.project = "[]";
	same_print(&f.b, "print: a project named [] with no objects");
	fx_close(&f);
	/* Calendars after the objects, holding what looks like the member. */
	fx_open(&f);
	f.b.project = "\"objects\":\t[]";
	obj(&f.b, "main", 0, "");
	f.b.calendars = cJSON_CreateArray();
	cJSON *cal = cJSON_CreateObject();
	cJSON_AddItemToObject(cal, "objects", cJSON_CreateArray());
	cJSON_AddItemToArray(f.b.calendars, cal);
	same_print(&f.b, "print: calendars after the objects");
	fx_close(&f);
}

/* ---------- Smartflo lowering of hand-built programs ---------- */

enum { PROG_TARGETS = 8 };   /* room for the registry's targets */

struct prog {
	struct ast_program p;
	struct ast_recording welcome, support, invalid, goodbye, retry;
	struct ast_endpoint sales, front;
	struct ast_menu main, sub;
	struct ast_option main_opts[2], sub_opts[2];
	struct ast_menu *menus[2];
	struct ast_announcement closed;
	struct ast_announcement *anns[1];
	struct ast_broadcast bc;
	struct ast_broadcast *bcs[1];
	uint32_t retry_after[2];
	int64_t dial[5], retry_on[2];
	struct doc_node sep_value, as_value;
	struct ast_setting sep, as;
	/* The per-target arrays, one entry per target of the registry. */
	struct ast_settings targets[PROG_TARGETS], sub_settings[PROG_TARGETS];
	struct ast_dest sales_lit[PROG_TARGETS];
	const char *rec_ids[5][PROG_TARGETS];
	size_t nrecs;
};

/* The index of a target in the program (the registry's order). */
static size_t ti(const struct prog *g, const char *name)
{
	return (size_t)ast_target_index(&g->p, name);
}

/* A recording with a Smartflo id. */
static void rec(struct prog *g, struct ast_recording *r, const char *name, const char *id)
{
	r->decl.kind = DECL_RECORDING;
	r->decl.name = name;
	r->ids = g->rec_ids[g->nrecs++];
	r->ids[ti(g, "smartflo")] = id;
}

static struct ast_recref ref(struct ast_recording *r)
{
	return (struct ast_recref){.name = r->decl.name, .rec = r};
}

static struct ast_dest to_decl(enum dest_kind k, struct ast_decl *d)
{
	return (struct ast_dest){.kind = k, .id = d->name, .ref = d};
}

static struct ast_dest to_lit(enum dest_kind k, const char *id)
{
	return (struct ast_dest){.kind = k, .id = id};
}

static void menu(struct ast_menu *m, const char *name, uint32_t offset, struct ast_recording *prompt,
		 uint32_t timeout, struct ast_option *opts, size_t n)
{
	m->decl.kind = DECL_MENU;
	m->decl.name = name;
	m->decl.name_span.offset = offset;
	m->prompt = ref(prompt);
	m->timeout = timeout;
	m->options = opts;
	m->noptions = n;
	/* Smartflo needs both handlers (IVR435): these play the menu's prompt
	 * and hang up. */
	m->invalid = (struct ast_handler){ .present = true, .prompt = m->prompt,
					   .then = {.kind = DEST_HANGUP} };
	m->no_input = m->invalid;
}

/* menu main (1 -> endpoint sales_desk, 2 -> menu:support), menu support
 * (1 -> extension literal, 9 -> repeat); handlers that only hang up. */
static void prog_basic(struct prog *g)
{
	memset(g, 0, sizeof *g);
	g->p.name = "acme";
	g->p.target_set = target_set();
	g->p.targets = g->targets;
	g->p.targets[ti(g, "smartflo")].present = true;
	rec(g, &g->welcome, "welcome", "28935");
	rec(g, &g->support, "support", "29001");
	g->sales.decl = (struct ast_decl){.kind = DECL_ENDPOINT, .name = "sales_desk"};
	g->sales.per_target = true;
	g->sales.lit = g->sales_lit;
	g->sales.lit[ti(g, "smartflo")] = to_lit(DEST_EXTENSION, "05047530000");
	g->sales.lit[ti(g, "sonetel")] = to_lit(DEST_USER, "8810");
	menu(&g->main, "main", 100, &g->welcome, 10, g->main_opts, 2);
	menu(&g->sub, "support", 200, &g->support, 5, g->sub_opts, 2);
	g->main.decl.description = "Front door";
	g->main_opts[0] = (struct ast_option){.key = '1', .to = to_decl(DEST_NAME, &g->sales.decl)};
	g->main_opts[1] = (struct ast_option){.key = '2', .to = to_decl(DEST_MENU, &g->sub.decl)};
	g->sub_opts[0] = (struct ast_option){.key = '1', .to = to_lit(DEST_EXTENSION, "05047530675")};
	g->sub_opts[1] = (struct ast_option){.key = '9', .to = {.kind = DEST_REPEAT}};
	g->menus[0] = &g->main;
	g->menus[1] = &g->sub;
	g->p.menus = g->menus;
	g->p.nmenus = 2;
}

static const char *const basic_want =
	"{\"target\":\"smartflo\",\"project\":\"acme\",\"objects\":["
	"{\"kind\":\"ivr\",\"name\":\"support\",\"remote_name\":\"acme-support\","
	"\"method\":\"POST\",\"path\":\"/v1/ivr\",\"depends_on\":[\"ivr:support\"],"
	"\"body\":{\"name\":\"acme-support\",\"description\":\"Managed by ivrc: acme/support\","
	"\"recording\":\"recording||29001\",\"timeout\":5,\"option\":[\"1\",\"9\"],"
	"\"destination\":[\"extension||05047530675\",\"ivr||@{ivr:support}\"],"
	"\"incorrect_count\":0,\"invalid_recording\":\"recording||29001\","
	"\"invalid_destination\":\"hangup||1\",\"timeout_tries\":0,"
	"\"timeout_retry_recording\":\"recording||29001\",\"timeout_recording\":\"recording||29001\","
	"\"timeout_destination\":\"hangup||1\",\"recording_invalid\":\"recording||29001\"}},"
	"{\"kind\":\"ivr\",\"name\":\"main\",\"remote_name\":\"acme-main\","
	"\"method\":\"POST\",\"path\":\"/v1/ivr\",\"depends_on\":[\"ivr:support\"],"
	"\"body\":{\"name\":\"acme-main\",\"description\":\"Front door\","
	"\"recording\":\"recording||28935\",\"timeout\":10,\"option\":[\"1\",\"2\"],"
	"\"destination\":[\"extension||05047530000\",\"ivr||@{ivr:support}\"],"
	"\"incorrect_count\":0,\"invalid_recording\":\"recording||28935\","
	"\"invalid_destination\":\"hangup||1\",\"timeout_tries\":0,"
	"\"timeout_retry_recording\":\"recording||28935\",\"timeout_recording\":\"recording||28935\","
	"\"timeout_destination\":\"hangup||1\",\"recording_invalid\":\"recording||28935\"}}]}";

/* Lowers g, orders the bundle and compares the rendered JSON; returns the
 * number of findings. */
static size_t lower_and_check(struct prog *g, const char *want, const char *what)
{
	struct arena a;
	struct bundle b;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a);
	bundle_init(&b, &a, smartflo(), g->p.name);
	smartflo()->lower(&g->p, &b, &d);
	link_order(&b);
	cJSON *j = link_render(&b);
	if (want)
		check_json(j, want, what);
	cJSON_Delete(j);
	size_t n = d.n;
	if (n && want)
		printf("  (first finding: IVR%u %s)\n", d.items[0].code, d.items[0].message);
	bundle_free(&b);
	arena_free(&a);
	return n;
}

static void test_smartflo_basic(void)
{
	struct prog g;
	prog_basic(&g);
	size_t n = lower_and_check(&g, basic_want, "smartflo: menu to endpoint and sub-menu");
	check(n == 0, "smartflo: no findings for a checked program", "unexpected findings");
}

/* Handlers, sms_template, separator "||", an announcement and a broadcast. */
static void prog_full(struct prog *g)
{
	prog_basic(g);
	rec(g, &g->invalid, "invalid", "28934");
	rec(g, &g->goodbye, "goodbye", "28955");
	rec(g, &g->retry, "retry", "28977");
	g->front.decl = (struct ast_decl){.kind = DECL_ENDPOINT, .name = "front_desk"};
	g->front.all = to_lit(DEST_EXTENSION, "05047530099");
	g->closed.decl = (struct ast_decl){.kind = DECL_ANNOUNCEMENT, .name = "closed",
		.name_span = {.offset = 50}};
	g->main_opts[0].has_sms_template = true;
	g->main_opts[0].sms_template = 35642;
	g->main.invalid = (struct ast_handler){.present = true, .prompt = ref(&g->invalid),
		.final_prompt = ref(&g->goodbye), .retries = 2,
		.then = to_decl(DEST_NAME, &g->front.decl)};
	g->main.no_input = (struct ast_handler){.present = true, .prompt = ref(&g->retry),
		.retries = 1, .then = to_decl(DEST_ANNOUNCEMENT, &g->closed.decl)};
	g->main_opts[1].to = to_lit(DEST_IVR, "4242");
	g->p.nmenus = 1;
	g->closed.prompt = ref(&g->goodbye);
	g->closed.then.kind = DEST_HANGUP;
	g->anns[0] = &g->closed;
	g->p.announcements = g->anns;
	g->p.nannouncements = 1;
	g->sep_value = (struct doc_node){.kind = DOC_SCALAR, .text = "||", .len = 2};
	g->sep = (struct ast_setting){.key = "separator", .value = &g->sep_value};
	g->p.targets[ti(g, "smartflo")].items = &g->sep;
	g->p.targets[ti(g, "smartflo")].count = 1;
}

static void prog_broadcast(struct prog *g)
{
	struct ast_broadcast *b = &g->bc;
	b->decl = (struct ast_decl){.kind = DECL_BROADCAST, .name = "renewal",
		.name_span = {.offset = 10}, .description = "Renewals"};
	b->phone_list = 1234;
	b->destination = to_decl(DEST_MENU, &g->main.decl);
	b->caller_id = "+918069999999";
	b->ring_timeout = 45;
	b->concurrency = 10;
	b->retries = 2;
	g->retry_after[0] = 600;
	g->retry_after[1] = 1800;
	b->retry_after = g->retry_after;
	b->nretry_after = 2;
	for (int i = 0; i < 5; i++)
		g->dial[i] = i + 1;
	b->dial_status = g->dial;
	b->ndial_status = 5;
	g->retry_on[0] = 1;
	g->retry_on[1] = 3;
	b->retry_on = g->retry_on;
	b->nretry_on = 2;
	b->window_start = (struct ast_datetime){2030, 12, 1, 9, 0, 0};
	b->window_end = (struct ast_datetime){2030, 12, 1, 18, 0, 0};
	b->time_group = 12;
	g->bcs[0] = b;
	g->p.broadcasts = g->bcs;
	g->p.nbroadcasts = 1;
}

static const char *const full_want =
	"{\"target\":\"smartflo\",\"project\":\"acme\",\"objects\":["
	"{\"kind\":\"auto_attendant\",\"name\":\"closed\",\"remote_name\":\"acme-closed\","
	"\"method\":\"POST\",\"path\":\"/v1/auto_attendant\",\"depends_on\":[],"
	"\"body\":{\"name\":\"acme-closed\",\"description\":\"Managed by ivrc: acme/closed\","
	"\"recording_ID\":\"28955\",\"recording_type\":\"recording\","
	"\"destination_type\":\"hangup\",\"destination_id\":\"1\"}},"
	"{\"kind\":\"ivr\",\"name\":\"main\",\"remote_name\":\"acme-main\","
	"\"method\":\"POST\",\"path\":\"/v1/ivr\",\"depends_on\":[\"auto_attendant:closed\"],"
	"\"body\":{\"name\":\"acme-main\",\"description\":\"Front door\","
	"\"recording\":\"recording||28935\",\"timeout\":10,\"option\":[\"1\",\"2\"],"
	"\"destination\":[\"extension||05047530000\",\"ivr||4242\"],"
	"\"sms_template\":[35642,0],"
	"\"incorrect_count\":2,\"invalid_recording\":\"recording||28934\","
	"\"invalid_destination\":\"extension||05047530099\",\"timeout_tries\":1,"
	"\"timeout_retry_recording\":\"recording||28977\",\"timeout_recording\":\"recording||28977\","
	"\"timeout_destination\":\"auto_attend||@{auto_attendant:closed}\","
	"\"recording_invalid\":\"recording||28955\"}},"
	"{\"kind\":\"broadcast\",\"name\":\"renewal\",\"remote_name\":\"acme-renewal\","
	"\"method\":\"POST\",\"path\":\"/v1/broadcast\",\"depends_on\":[\"ivr:main\"],"
	"\"body\":{\"name\":\"acme-renewal\",\"description\":\"Renewals\","
	"\"phone_number_list\":1234,\"destination\":\"ivr||@{ivr:main}\",\"timeout\":\"45\","
	"\"concurrent_limit\":\"10\",\"retry_after_minutes\":[10,30],"
	"\"caller_id_number\":\"+918069999999\",\"number_of_retry\":\"2\","
	"\"start_date_time\":\"2030-12-01 09:00:00\",\"end_date_time\":\"2030-12-01 18:00:00\","
	"\"time_group\":\"12\",\"dialstatus\":[1,2,3,4,5],\"retry_dialstatus\":[1,3]}}]}";

static void test_smartflo_full(void)
{
	struct prog g;
	prog_full(&g);
	prog_broadcast(&g);
	size_t n = lower_and_check(&g, full_want,
				   "smartflo: handlers, sms_template, separator, announcement, broadcast");
	check(n == 0, "smartflo: full program has no findings", "unexpected findings");
}

/* prog_basic with menu support as a virtual receptionist: numbers for keys,
 * recordings and plain ids; placeholders stay strings; main routes to it
 * with the vr type; the leading-zero extension is a warning. */
static const char *const vr_want =
	"{\"target\":\"smartflo\",\"project\":\"acme\",\"objects\":["
	"{\"kind\":\"vr\",\"name\":\"support\",\"remote_name\":\"acme-support\","
	"\"method\":\"POST\",\"path\":\"/v1/virtual_receptionist\",\"depends_on\":[\"vr:support\"],"
	"\"body\":{\"name\":\"acme-support\",\"description\":\"Managed by ivrc: acme/support\","
	"\"recording\":29001,\"destination_type\":\"multiple\",\"entries\":["
	"{\"option\":1,\"destination_type\":\"extension\",\"destination_id\":\"05047530675\"},"
	"{\"option\":9,\"destination_type\":\"vr\",\"destination_id\":\"@{vr:support}\"}],"
	"\"timeout\":5,\"incorrect_count\":0,\"invalid_recording\":29001,"
	"\"invalid_destination_type\":\"hangup\",\"invalid_destination_id\":1,"
	"\"timeout_retries\":0,\"timeout_retry_recording\":29001,\"timeout_recording\":29001,"
	"\"timeout_destination_type\":\"hangup\",\"timeout_destination_id\":1,"
	"\"recording_invalid\":29001}},"
	"{\"kind\":\"ivr\",\"name\":\"main\",\"remote_name\":\"acme-main\","
	"\"method\":\"POST\",\"path\":\"/v1/ivr\",\"depends_on\":[\"vr:support\"],"
	"\"body\":{\"name\":\"acme-main\",\"description\":\"Front door\","
	"\"recording\":\"recording||28935\",\"timeout\":10,\"option\":[\"1\",\"2\"],"
	"\"destination\":[\"extension||05047530000\",\"vr||@{vr:support}\"],"
	"\"incorrect_count\":0,\"invalid_recording\":\"recording||28935\","
	"\"invalid_destination\":\"hangup||1\",\"timeout_tries\":0,"
	"\"timeout_retry_recording\":\"recording||28935\",\"timeout_recording\":\"recording||28935\","
	"\"timeout_destination\":\"hangup||1\",\"recording_invalid\":\"recording||28935\"}}]}";

static void test_smartflo_vr(void)
{
	struct prog g;
	prog_basic(&g);
	g.as_value = (struct doc_node){.kind = DOC_SCALAR, .text = "vr", .len = 2};
	g.as = (struct ast_setting){.key = "as", .value = &g.as_value};
	g.sub.per_target = g.sub_settings;
	g.sub.per_target[ti(&g, "smartflo")] = (struct ast_settings){.present = true,
		.items = &g.as, .count = 1};
	struct arena a;
	struct bundle b;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a);
	bundle_init(&b, &a, smartflo(), g.p.name);
	smartflo()->lower(&g.p, &b, &d);
	link_order(&b);
	cJSON *j = link_render(&b);
	check_json(j, vr_want, "smartflo: a vr menu and an ivr routing to it");
	cJSON_Delete(j);
	check(d.n == 1 && d.items[0].code == IVR_TARGET_DEST &&
	      d.items[0].severity == SEV_ERROR,
	      "smartflo: a vr id with a leading zero is an error", "no such finding");
	bundle_free(&b);
	arena_free(&a);
}

static void test_settings(void)
{
	check(target_count() <= PROG_TARGETS, "struct prog has room for every target",
	      "raise PROG_TARGETS");
	struct prog g;
	prog_full(&g);
	const struct target_caps *c = &smartflo()->caps;
	check_str(target_setting(&g.p, c, "separator"), "||", "setting: value from targets");
	check_str(target_setting(&g.p, c, "announcement_type"), "auto_attend",
		  "setting: default from caps");
	check(target_setting(&g.p, c, "hangup") == NULL, "setting: hangup has no default (it "
	      "follows the separator)", "not NULL");
	check(target_setting(&g.p, c, "nonsense") == NULL, "setting: unknown is NULL", "not NULL");
	check(c->name && strcmp(c->name, "smartflo") == 0, "target_named smartflo", "wrong target");
}

int main(void)
{
	test_order_small();
	test_order_big();
	test_fill();
	test_render();
	test_print();
	test_settings();
	test_smartflo_basic();
	test_smartflo_full();
	test_smartflo_vr();
	return failures ? 1 : 0;
}
