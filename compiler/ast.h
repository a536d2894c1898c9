/* The one data model. Both front ends produce a document tree (struct doc_node,
 * YAML-shaped: scalars, sequences, mappings, each with its span); the binder
 * turns it into the typed program below. Everything lives in one arena. */
#ifndef IVRC_AST_H
#define IVRC_AST_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "expr.h"
#include "source.h"

/* ---------- document tree ---------- */

enum doc_kind { DOC_SCALAR, DOC_SEQ, DOC_MAP };

struct doc_pair;

/* 48 bytes: a file has about one node per 14 bytes. Sizes fit in 32 bits,
 * as offsets do (a source is under 4 GB). */
struct doc_node {
	struct span span;
	/* scalar */
	const char *text;          /* NUL-terminated; len bytes (may hold NUL) */
	union {
		struct doc_node **items;   /* sequence */
		struct doc_pair *pairs;    /* mapping */
	};
	uint32_t len;
	uint32_t count;            /* items or pairs */
	enum doc_kind kind;
	bool quoted;               /* quoted or block scalar: always a string */
};

struct doc_pair {
	struct doc_node *key, *value;
};

/* YAML's plain nulls: nothing, `~`, `null`, `Null`, `NULL` (never quoted). */
bool doc_is_null(const struct doc_node *n);

/* ---------- typed program ---------- */

/* The targets a program knows of (compiler/caps.h: the command line hands
 * in the registry's). The AST names no provider: each per-target array
 * below has one entry per target of the program's set, in its order. */
struct target_set;

enum decl_kind {
	DECL_MENU,
	DECL_ANNOUNCEMENT,
	DECL_VOICEMAIL,
	DECL_FLOW,
	DECL_ENDPOINT,
	DECL_RECORDING,
	DECL_BROADCAST,
	DECL_CALENDAR,
	DECL_SCHEDULE,
	DECL_KIND_COUNT
};

/* Singular, as written in `menu:NAME` and in messages. */
extern const char *const ast_decl_kind_names[DECL_KIND_COUNT];

enum dest_kind {
	DEST_NONE,          /* absent */
	DEST_NAME,          /* a bare NAME: resolved to an object or endpoint */
	DEST_MENU,          /* menu:NAME */
	DEST_ANNOUNCEMENT,
	DEST_VOICEMAIL,
	DEST_FLOW,
	DEST_SCHEDULE,
	DEST_EXTENSION,     /* literals for things outside the project */
	DEST_PHONE,
	DEST_USER,
	DEST_APP,
	DEST_SIP,
	DEST_IVR,
	DEST_RINGGROUP,
	DEST_AGENT,
	DEST_QUEUE,
	DEST_DEPARTMENT,
	DEST_EMAIL,         /* only as a voicemail's deliver_to */
	DEST_HANGUP,
	DEST_REPEAT,
	DEST_KIND_COUNT
};

/* The prefix as written (`menu`, `extension`, ...), "" for DEST_NAME. */
extern const char *const ast_dest_kind_names[DEST_KIND_COUNT];

#define DEST_BIT(k) (1u << (k))

struct ast_decl;

struct ast_dest {
	enum dest_kind kind;
	const char *id;            /* NAME for references, the literal's id otherwise */
	struct span span;
	struct ast_decl *ref;      /* set by the resolver for references */
};

struct ast_decl {
	enum decl_kind kind;
	const char *name;
	struct span name_span;
	struct span span;          /* the whole value */
	const char *description;   /* NULL when absent */
	unsigned index;            /* position among its kind, in source order */
};

/* A named recording used as a prompt. */
struct ast_recref {
	const char *name;          /* NULL when absent */
	struct span span;
	struct ast_recording *rec; /* set by the resolver */
};

/* `key: value` settings of a target or a per-target block, checked against
 * the back end's table by the resolver. */
struct ast_setting {
	const char *key;
	struct span key_span;
	struct doc_node *value;
};

struct ast_settings {
	bool present;
	struct span span;
	struct ast_setting *items;
	size_t count;
};

struct ast_recording {
	struct ast_decl decl;
	/* The target's own id of the recording (recordings.X.<target>), as
	 * written (an integer in canonical decimal when the target's ids are
	 * integers); NULL when absent. ids is NULL when none is given. */
	const char **ids;
	const char *url;
	const char *text;
	const char *language;
	uint32_t duration;         /* seconds it plays (`ivrc paths`); 0 when not given */
};

struct ast_endpoint {
	struct ast_decl decl;
	bool per_target;           /* a map target -> literal */
	struct ast_dest all;       /* !per_target: the one literal */
	struct ast_dest *lit;      /* per_target: one per target, kind DEST_NONE when absent */
};

struct ast_option {
	char key;                  /* '0'-'9', '*', '#' */
	struct span span;          /* the key */
	struct ast_dest to;
	bool has_sms_template, has_email_template;
	int64_t sms_template, email_template;
};

struct ast_handler {
	bool present;
	struct span span;
	struct ast_recref prompt, final_prompt;
	int64_t retries;
	struct ast_dest then;      /* DEST_HANGUP when the handler is absent */
};

struct ast_menu {
	struct ast_decl decl;
	struct ast_recref prompt;
	uint32_t timeout;          /* seconds; 5 by default */
	struct span timeout_span;
	struct ast_option *options;
	size_t noptions;
	struct ast_handler invalid, no_input;
	/* menus.X.<target>: e.g. smartflo: { as: vr }; one per target, or NULL
	 * when the menu has none (ast_menu_settings). */
	struct ast_settings *per_target;
};

struct ast_announcement {
	struct ast_decl decl;
	struct ast_recref prompt;
	struct ast_dest then;
};

struct ast_voicemail {
	struct ast_decl decl;
	struct ast_dest deliver_to; /* DEST_EMAIL or DEST_USER */
	struct ast_recref greeting, goodbye;
	/* voicemails.X.<target>: e.g. sonetel: { voice: en-fe }; one per target,
	 * or NULL when the voicemail has none (ast_voicemail_settings). */
	struct ast_settings *per_target;
};

struct ast_datetime {
	int year, month, day, hour, minute, second;
};

struct ast_broadcast {
	struct ast_decl decl;
	int64_t phone_list;
	struct ast_dest destination;
	const char *caller_id;     /* E.164 */
	struct span caller_id_span;
	uint32_t ring_timeout;     /* seconds */
	struct span ring_timeout_span;
	int64_t concurrency;
	int64_t retries;
	struct span retries_span;
	uint32_t *retry_after;     /* seconds */
	struct span *retry_after_spans;
	size_t nretry_after;
	struct span retry_after_span;
	int64_t *dial_status;
	struct span *dial_status_spans;
	size_t ndial_status;
	int64_t *retry_on;
	struct span *retry_on_spans;
	size_t nretry_on;
	struct ast_datetime window_start, window_end;
	struct span window_start_span, window_end_span;
	int64_t time_group;
};

/* calendars.X.hours: an open range of a weekday, in minutes since
 * midnight; an end before the start runs past midnight into the next day
 * (the range belongs to the day it starts). */
struct ast_hours {
	uint16_t from, to;
	struct span span;
};

/* calendars.X.holidays: a day closed all day, of one year or (year 0) of
 * every year. */
struct ast_holiday {
	int year, month, day;
	struct span span;
};

struct tz;

struct ast_calendar {
	struct ast_decl decl;
	const char *timezone;          /* an IANA zone: Asia/Kolkata */
	struct span timezone_span;
	struct ast_hours *hours[7];    /* by weekday, 0 Sunday */
	size_t nhours[7];
	struct ast_holiday *holidays;
	size_t nholidays;
	const struct tz *zone;         /* set by the resolver */
};

/* schedules.X: where a call goes by a calendar's state at the moment it
 * arrives. */
struct ast_schedule {
	struct ast_decl decl;
	const char *calendar_name;
	struct span calendar_span;
	const struct ast_calendar *calendar;   /* set by the resolver */
	struct ast_dest open, closed;
	struct ast_dest holiday;       /* DEST_NONE: the closed branch */
	/* schedules.X.<target>: e.g. smartflo: { time_condition: 64000 }; one
	 * per target, or NULL when the schedule has none. */
	struct ast_settings *per_target;
};

enum step_kind {
	STEP_SAY, STEP_PLAY, STEP_PLAY_RECORDING, STEP_COLLECT, STEP_CAPTURE,
	STEP_SWITCH, STEP_IF, STEP_GOTO, STEP_DIAL, STEP_DIAL_TO_MANY,
	STEP_DIAL_WEBRTC, STEP_DIAL_CONVERSATIONS, STEP_RECORD, STEP_PAUSE,
	STEP_SET, STEP_CALL_API, STEP_SEND_SMS, STEP_WHILE, STEP_REPEAT_WHILE,
	STEP_REPEAT_UNTIL, STEP_FOR_EACH, STEP_HANGUP, STEP_MACHINE_DETECTION,
	STEP_PLAY_TTY, STEP_PLAY_UPLOAD,
	STEP_KIND_COUNT
};

extern const char *const ast_step_names[STEP_KIND_COUNT];

/* The language's days, by the AST's weekday (0 Sunday): "sun" ... "sat". */
extern const char *const ast_day_names[7];

struct ast_step;

struct ast_block {
	struct ast_step *steps;
	size_t count;
	struct span span;
};

struct ast_case {
	const char *value;
	struct span span;
	struct ast_block body;
};

/* A step's arguments, checked against the step's table; the typed views
 * below are what the checker and back ends need most. */
struct ast_arg {
	const char *key;
	struct span key_span;
	struct doc_node *value;
};

/* A scalar of a step's arguments that is a template (docs/LANGUAGE.md,
 * "Expressions"): the FT_TEMPLATE fields, a call_api body's scalars and its
 * headers' values. */
struct ast_step_template {
	const struct doc_node *node;
	struct ast_template tpl;
	struct ast_step_template *next;
};

struct ast_step {
	enum step_kind kind;
	struct span span;
	const char *label;          /* NULL when absent */
	struct span label_span;
	struct ast_arg *args;       /* in source order; the shorthand scalar form
	                               appears under its primary key */
	size_t nargs;
	const char *var;            /* collect/capture into, set var, for_each var, switch on */
	struct span var_span;
	const char *var_implied;    /* the variable Infobip sets beside var: VAR_Meaning
	                               (collect with mapped_values), VAR_Full (capture) */
	const char *cond;           /* if, while, repeat_*: as written */
	struct ast_expr *cond_expr; /* ... and as parsed (NULL after an error) */
	struct ast_step_template *templates;  /* in source order */
	struct ast_dest to;         /* goto (DEST_NAME = a label), dial */
	struct ast_recref recording;/* play_recording of a named recording */
	struct ast_block body;      /* then / do */
	struct ast_block else_body;
	bool has_else;
	struct ast_case *cases;
	size_t ncases;
	struct ast_block default_body;
	bool has_default;
};

struct ast_flow {
	struct ast_decl decl;
	struct ast_block body;
};

struct ast_test_input {
	const char *text;           /* "1", "*", "silence" */
	struct span span;
};

/* A moment (simulate --at, a test's at:): a wall-clock time, read in each
 * calendar's own zone, or (instant) a point in time. */
struct ast_moment {
	bool set;
	bool instant;
	int64_t seconds;      /* wall-clock seconds (counted as if UTC), or UTC when instant */
	const char *text;     /* as written */
	struct span span;
};

struct ast_test {
	const char *name;
	struct span span, name_span;
	struct ast_dest start;
	struct ast_test_input *input;
	size_t ninput;
	struct ast_dest *expect;
	size_t nexpect;
	bool has_expect;
	struct ast_dest expect_end;  /* DEST_NONE when absent */
	struct doc_node *api;        /* `api: {URL: {field: value}}`, call_api answers; NULL when absent */
	struct ast_moment at;        /* when the call arrives (schedules route by it) */
};

struct ast_symbol;

/* A file named by `include` (a path or a glob, relative to the file). */
struct ast_include {
	const char *path;
	struct span span;
};

/* An environment (`environments`): what differs in one provider account,
 * written as an overlay of the program's targets' settings, recordings and
 * endpoints (docs/LANGUAGE.md, "Environments"). */
struct ast_env {
	const char *name;
	struct span span;            /* its name */
	struct ast_program *overlay; /* written in place; NULL: in `file` */
	struct ast_include file;     /* include: the overlay's file (path NULL: none) */
};

/* A name of `parameters`: a variable the call starts with. */
struct ast_param {
	const char *name;
	struct span span;
};

struct ast_program {
	const struct source *src;
	struct doc_node *root;
	int64_t version;
	const char *name;
	struct span name_span;
	struct ast_dest *entry;
	size_t nentry;
	bool has_entry;
	struct span entry_span;
	struct ast_param *params;      /* variables a call starts with */
	size_t nparams;
	struct ast_env *envs;          /* environments, in source order */
	size_t nenvs;
	const char *env;               /* the environment applied (env.c), or NULL */
	bool has_header;               /* the file holds name, targets, entry, parameters or
	                                  environments: it is a root */
	struct ast_include *includes;  /* what this file includes (not transitively) */
	size_t nincludes;
	const struct source **sources; /* every file of the program, the root first */
	size_t nsources;
	const struct target_set *target_set;   /* what the per-target arrays follow */
	struct ast_settings *targets;  /* one per target; present = declared */
	struct span targets_span;

	struct ast_recording **recordings; size_t nrecordings;
	struct ast_endpoint **endpoints;   size_t nendpoints;
	struct ast_menu **menus;           size_t nmenus;
	struct ast_announcement **announcements; size_t nannouncements;
	struct ast_voicemail **voicemails; size_t nvoicemails;
	struct ast_broadcast **broadcasts; size_t nbroadcasts;
	struct ast_flow **flows;           size_t nflows;
	struct ast_calendar **calendars;   size_t ncalendars;
	struct ast_schedule **schedules;   size_t nschedules;
	struct ast_test **tests;           size_t ntests;

	/* Filled by the resolver: entry points after defaults. */
	struct ast_decl **entries;
	size_t nentries;
};

/* The index of the target named `name` in p's set; -1 when it has none. */
int ast_target_index(const struct ast_program *p, const char *name);
/* A destination as written: menu:main, a bare name, hangup (in a). */
const char *ast_dest_text(struct arena *a, const struct ast_dest *d);
/* Seconds since 1970-01-01 00:00:00 of a date-time, counted as if it were
 * UTC (no time zone plays a part: a wall-clock time stays one). */
int64_t ast_datetime_seconds(const struct ast_datetime *t);
/* The scalar text of setting `key` in s, or NULL. */
const char *ast_setting_text(const struct ast_settings *s, const char *key);
/* A schedule's block of settings for target i (an empty one when it has none). */
const struct ast_settings *ast_schedule_settings(const struct ast_schedule *sc, size_t i);
/* The branch every call of sc takes on target i when the file picks one
 * (schedules.X.<target>.branch, for a target without schedules), its name
 * in *name; NULL when the file picks none. */
const struct ast_dest *ast_schedule_branch(const struct ast_schedule *sc, size_t i,
					   const char **name);
/* A menu's block of settings for target i (an empty one when it has none). */
const struct ast_settings *ast_menu_settings(const struct ast_menu *m, size_t i);
/* A voicemail's, the same way. */
const struct ast_settings *ast_voicemail_settings(const struct ast_voicemail *v, size_t i);
/* What endpoint e is on target i: its literal there, or its one literal
 * (kind DEST_NONE when it has none there). */
const struct ast_dest *ast_endpoint_literal(const struct ast_endpoint *e, size_t i);
/* "1h30m", "45s": a number of seconds as the language writes a duration,
 * canonically (IVR501), in the arena. */
const char *ast_duration_text(struct arena *a, int64_t seconds);
/* A recording's own id on target i, or NULL. */
const char *ast_recording_id(const struct ast_recording *r, size_t i);
/* Calls fn for every step under b, in document order, each before the steps
 * inside it (an explicit stack: no recursion). */
void ast_each_step(struct arena *a, const struct ast_block *b,
		    void (*fn)(void *ctx, const struct ast_step *s), void *ctx);

/* The value of argument `key` of a step, or NULL. */
const struct doc_node *ast_step_arg(const struct ast_step *st, const char *key);
/* The template the binder read from scalar n of st's arguments; NULL when n
 * is not one (or did not parse). */
const struct ast_template *ast_step_template(const struct ast_step *st, const struct doc_node *n);

#endif
