/* `ivrc import`: provider JSON back to the language. The shared part reads
 * and parses the files (cJSON), keeps the position of every JSON value for
 * diagnostics, recognises the input shapes (our bundle, single bodies, the
 * providers' list and get answers), names objects, and builds the document
 * tree (compiler/ast.h) that the CLI prints as YAML or DSL. Each provider's
 * import_<target>.c turns its objects into menus, announcements, ... and is
 * the inverse of targets/<target>/lower.c. What a body holds that the language
 * cannot express is reported (IVR132) and kept as a comment line. */
#ifndef IVRC_IMPORT_H
#define IVRC_IMPORT_H
#include <stdbool.h>
#include <stdint.h>
#include <cJSON.h>
#include "../compiler/ast.h"
#include "../compiler/diag.h"

struct arena;
struct imp_pos;
struct target;

struct imp_note {
	struct span at;
	const char *text;
	size_t seq;                /* order of report */
};

/* One provider object found in the input. */
struct imp_object {
	const char *kind;           /* "ivr", "vr", "auto_attendant", "broadcast", "voiceapp", "scenario" */
	const char *name;           /* the ivrc name */
	const char *remote_name;    /* the body's name, or NULL */
	const char *id;             /* its remote id (list answers, a bundle's PUT path), or NULL */
	const char *path;           /* a bundle's API path, without the id of a PUT; or NULL */
	const cJSON *body;
	const char *decl;           /* what it became: "menu", "announcement", ... (set by the import) */
	struct doc_node *doc;       /* its mapping in the document, when it has one */
	bool skipped;               /* not imported (reported) */
	bool renamed;               /* its remote name is not PROJECT-NAME */
};

struct importer {
	struct arena *a;
	struct diag *d;
	const struct target *target;
	const struct expr_parsers *parse;   /* grammar/'s, handed in by the CLI */
	const char *project;
	bool bundle_project;        /* the project came from a bundle */
	/* What the language cannot hold: an error (nothing is written), or with
	 * allow_loss a warning and a comment line. */
	bool allow_loss;
	struct imp_object *objects;
	size_t nobjects, capobjects;
	/* Positions of JSON values, sorted by node for lookup (see import_span). */
	struct imp_pos *pos;
	size_t npos, cappos;
	bool sorted;
	cJSON **trees;              /* every parsed file, freed by import_free */
	size_t ntrees, captrees;
	/* The document under construction. */
	struct doc_node *settings;  /* targets.<target> */
	struct doc_node *recordings;
	struct doc_node *entry;     /* NULL: no entry list */
	struct doc_node *params;    /* NULL: no parameters */
	struct doc_node *sections;  /* top-level key -> mapping, in order of first use */
	const char **names;         /* names taken in the one namespace */
	size_t nnames, capnames;
	const char **rec_keys;      /* what each recording stands for (dedupe) */
	const char **rec_names;
	size_t nrecs, caprecs;
	struct imp_note *notes;     /* comment lines: what was not expressed */
	size_t nnotes, capnotes;
	/* Calendars as build writes them (for a clock endpoint, targets/clock.h;
	 * as Smartflo's time groups): a bundle's "calendars", or
	 * calendars/NAME.json files. */
	const cJSON **calendars;
	size_t ncalendars, capcalendars;
	const char **calendar_names;  /* declared so far: their names */
	size_t ncalendar_names, capcalendar_names;
};

/* One provider's import (struct target's `import`). */
struct import_target {
	/* The objects of a list or get answer, or NULL when `root` is not one;
	 * *single: the answer holds one object, not an array. */
	const cJSON *(*list_of)(const cJSON *root, bool *single);
	/* The kind of one body, or NULL when it is none the import reads. */
	const char *(*kind_of)(const cJSON *body);
	const char *id_key;         /* the id in list answers: "id", "app_id" */
	/* Turns the collected objects into the document. */
	void (*convert)(struct importer *im);
};

/* The calendar whose clock is asked at url, declared (once) under
 * calendars:; its name, or NULL (said why, at `at`) when the files hold
 * no such calendar or it is not one build writes. */
const char *import_calendar(struct importer *im, const char *url, const cJSON *at);
/* The same for calendar doc (one of im->calendars), asked or not. */
const char *import_clock_calendar(struct importer *im, const cJSON *doc);

/* ---------- calendars, for a target's import (import_calendar.c) ---------- */

/* What a target's calendar JSON holds besides "calendar" and "timezone",
 * put into cal; NULL, or why doc is not one build writes (then *at may name
 * the part of doc at fault). */
typedef const char *(*import_calendar_body)(struct importer *im, struct doc_node *cal,
					    const cJSON *doc, const cJSON **at);
/* Declares calendar doc (one of im->calendars) once under calendars:: its
 * name and time zone, then what body reads; keys are every key doc may
 * hold, "calendar" and "timezone" among them (NULL-terminated). Its name,
 * or NULL after saying why at doc. */
const char *import_calendar_declare(struct importer *im, const cJSON *doc,
				    const char *const *keys, import_calendar_body body);
/* cal's hours from each day's ranges (lists of words "09:00-13:00"),
 * Monday first: a run of days alike as one key (mon-fri), closed days left
 * out. */
void import_calendar_hours(struct importer *im, struct doc_node *cal,
			   struct doc_node *const by_day[7]);
/* Whether s is DD:DD (its digits checked by the language when it is read
 * again; here only what could not be a time at all). */
bool import_time_shaped(const char *s);

void import_init(struct importer *im, struct arena *a, struct diag *d, const struct target *t,
		 const struct expr_parsers *parse);
void import_free(struct importer *im);

/* Reads, parses and collects the objects of one file. Returns false on an
 * I/O error (after printing "ivrc: PATH: reason"); bad JSON and JSON of the
 * wrong shape are findings (IVR130, IVR131). */
bool import_file(struct importer *im, const char *path);

/* The loaders' bound on nested collections (YAML_MAX_DEPTH, DSL_MAX_DEPTH). */
enum { IMPORT_MAX_DEPTH = 64 };

/* After every file: settles the project name and the objects' names, then
 * converts. Returns the document (NULL when nothing was imported, or after
 * an error: a document nested too deep, IVR135) and, in *comment, the
 * comment lines to print above it ("" when none). */
struct doc_node *import_finish(struct importer *im, const char **comment);

/* ---------- for the providers' imports ---------- */

/* Where a JSON value was in its file (a zero span when unknown). */
struct span import_span(struct importer *im, const cJSON *node);

/* Something the language cannot express, at `at` (IVR132): an error, or
 * with allow_loss a warning and a comment line. */
void import_lost(struct importer *im, const cJSON *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The first key of object obj that is not in keys (NULL-terminated), or
 * NULL when every key is. */
const char *import_key_outside(const cJSON *obj, const char *const *keys);
/* Reports every key of obj not in known (NULL-terminated) and not one the
 * provider computes (ids, times): `what` names the object in messages. */
void import_unknown_keys(struct importer *im, const cJSON *obj, const char *const *known,
			 const char *what);
/* Compact JSON of a value for a message, cut at 60 characters. */
const char *import_json_text(struct importer *im, const cJSON *v);

/* The object whose kind is `kind` (NULL: any) and whose name or remote id is
 * `key`, or NULL. */
struct imp_object *import_find(struct importer *im, const char *kind, const char *name,
			       const char *id);

/* JSON access: a string member; an integer member (a number, or a string
 * of digits); true when it has one. */
const char *import_str(const cJSON *obj, const char *key);
bool import_int(const cJSON *obj, const char *key, int64_t *out);
bool import_int_value(const cJSON *v, int64_t *out);

/* Whether s is what the binder takes (grammar/scalar.re): an ivrc name, a
 * literal id ([A-Za-z0-9_.-]+), an E.164 number, an e-mail address, a SIP
 * URI (no blanks), a date-time YYYY-MM-DD HH:MM:SS on a real day. */
bool import_is_name(const char *s);
bool import_is_literal_id(const char *s);
bool import_is_phone(const char *s);
bool import_is_email(const char *s);
bool import_is_sip(const char *s);
bool import_is_datetime(const char *s);
/* Whether s is a template the binder takes (each `${...}` an expression);
 * when not, *why says what is wrong. */
bool import_is_template(struct importer *im, const char *s, const char **why);

/* ---------- building the document ---------- */

struct doc_node *import_map(struct importer *im);
struct doc_node *import_seq(struct importer *im);
struct doc_node *import_word(struct importer *im, const char *text);   /* plain */
struct doc_node *import_text(struct importer *im, const char *text);   /* quoted */
struct doc_node *import_intv(struct importer *im, int64_t v);
/* `Ns` for a duration of whole seconds. */
struct doc_node *import_seconds(struct importer *im, int64_t seconds);
void import_put(struct importer *im, struct doc_node *map, const char *key, struct doc_node *v);
void import_push(struct importer *im, struct doc_node *seq, struct doc_node *item);
struct doc_node *import_get(const struct doc_node *map, const char *key);
/* A JSON value as YAML means it: numbers, booleans and null plain, strings
 * quoted. Recursion is bounded by cJSON's nesting limit. */
struct doc_node *import_json_doc(struct importer *im, const cJSON *v);

/* The mapping of a top-level section ("menus"), made on first use. */
struct doc_node *import_section(struct importer *im, const char *key);
/* targets.<target>.key = value. */
void import_setting(struct importer *im, const char *key, const char *value);
/* A name in the one namespace of objects: `want` when it is a free ivrc
 * name, else made into one (and numbered when taken). */
const char *import_name(struct importer *im, const char *want);
/* The recording that stands for `key` (e.g. "smartflo:28935"), made with
 * `fields` and a name from `hint` on first use. */
const char *import_recording(struct importer *im, const char *key, const char *hint,
			     struct doc_node *fields);
/* Adds an entry point (`menu:NAME`, ...). */
void import_entry(struct importer *im, const char *dest);
/* Adds a name to the top-level `parameters` (once). */
void import_parameter(struct importer *im, const char *name);

#endif
