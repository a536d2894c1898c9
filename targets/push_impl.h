/* The pieces of push shared by its files (not for use outside push*.c and
 * each target's push.c):
 * push.c runs a push and carries out its plan, push_plan.c makes and
 * prints the plan, push_state.c reads and writes the state file,
 * push_lock.c locks it, push_http.c sends one request with retries over
 * libcurl, smartflo/push.c, sonetel/push.c and infobip/push.c hold each
 * provider's API facts (auth, how an answer says yes, where ids are). */
#ifndef IVRC_PUSH_IMPL_H
#define IVRC_PUSH_IMPL_H
#include <stdbool.h>
#include <stddef.h>
#include <time.h>
#include <cJSON.h>
#include "push.h"

struct arena;
struct push_ctx;

/* One answer. */
struct push_resp {
	long http;                 /* HTTP status; 0 when no answer came */
	int curl_err;              /* CURLcode; 0 when the exchange completed */
	char *body;                /* malloc'd, NUL-terminated; NULL when none */
	size_t len;
	cJSON *json;               /* the parsed body; NULL when empty or not JSON */
	char retry_after[80];      /* the Retry-After header, "" when none */
};

/* What to do about an answer. */
enum push_verdict {
	PV_OK,
	PV_RETRY,       /* not applied (429, connection refused): send it again */
	PV_LOST,        /* may have been applied (5xx, dropped, timed out, unreadable) */
	PV_AUTH,        /* the token was refused or has expired */
	PV_GONE,        /* 404 on an object's own path */
	PV_FAIL,        /* refused: not worth repeating */
	PV_STOP,        /* interrupted (Ctrl-C) while waiting */
};

/* Where a provider's credentials come from: only the environment. The
 * engine reads them (push.c) and logs in with them (push_http.c). */
struct push_auth {
	const char *scheme;          /* "Bearer", "App": the Authorization header's */
	const char *token_env;       /* the token or API key: SMARTFLO_TOKEN */
	/* A login instead of a token (both NULL: none): POST login_path
	 * {user_field: $user_env, password_field: $password_env} answers
	 * {token_field: TOKEN}. */
	const char *user_env, *password_env;
	const char *login_path, *user_field, *password_field, *token_field;
	const char *account_env;     /* fills {account_id} in paths (not a secret); NULL: none */
	const char *also_env;        /* one more that must be set, NULL: none */
	const char *missing;         /* what to set when some are missing */
	const char *refused;         /* what to do when the provider refuses them */
};

/* What push must know of a provider's API, besides its target's bundle. The
 * functions only read answers and edit bodies: they send nothing (so ivrc,
 * which links the targets but not libcurl, can hold them too). */
struct push_provider {
	const char *base_env;        /* SMARTFLO_BASE_URL */
	const char *default_base;    /* NULL: the environment must give one */
	struct push_auth auth;
	/* Judges an answer that came with a body or a status below 500 (not a
	 * 429): PV_OK, PV_FAIL or PV_AUTH, with the provider's message. */
	enum push_verdict (*judge)(const struct push_resp *r, const char **msg);
	/* The id in a create's answer; NULL when it carries none. */
	const char *(*created_id)(struct arena *a, const cJSON *answer);
	/* The GET path that lists the objects of `collection` named `name`. */
	const char *(*list_path)(struct arena *a, const char *collection, const char *name);
	/* The array of objects in a list answer, the object in a get-one answer. */
	const cJSON *(*list_items)(const cJSON *answer);
	const cJSON *(*one_item)(const cJSON *answer);
	const char *id_key;          /* an object's id in lists: "id", "app_id" */
	/* Whether an id from an answer is one of this provider's, and what
	 * that is, for the message: checked before it enters the state file
	 * (it goes into paths and bodies). */
	bool (*id_valid)(const char *id);
	const char *id_form;
	bool get_one;                /* GET PATH/ID reads one object */
	bool can_delete;
	/* Seconds until the provider allows another request, from the body of
	 * a 429 (Smartflo's retry_after); NULL or -1: none. */
	double (*body_retry_after)(const cJSON *answer, double now);
	/* Replaces each placeholder still in body with the target's hangup
	 * form (the first create of a cycle, CLI.md "Push"). */
	void (*unresolved)(struct push_ctx *c, cJSON *body, const char *kind);
	const char *const *drift_keys;   /* NULL: every key both sides have */
	int updates_per_minute;      /* client-side pacing of PUTs; 0: none */
	const char *pace_note;       /* why, for the message */
};

/* The run. One arena; one curl handle, kept alive across requests. */
struct push_ctx {
	struct arena *a;
	const struct push_opts *o;
	const struct target *t;
	const struct push_provider *pv;   /* t->push */
	const struct ast_program *p;
	const char *target;          /* t->caps.name: "smartflo" */
	void *curl;                  /* CURL *; NULL in a dry run and in plan */
	const char *base;            /* base URL, no trailing '/' */
	bool loopback;
	/* Credentials: secrets, never printed: masked where they go in what
	 * ivrc prints (a dry run), searched for in a provider's text
	 * (push_redact). */
	const char *token;
	const char *login_user, *login_password;
	const char *account;         /* Sonetel's account id (not a secret) */
	bool relogged;               /* a refused token was replaced once */
	/* Time: a virtual clock, so tests can scale waiting down to nothing. */
	double clock_offset;         /* seconds added to the monotonic clock */
	double backoff_scale, pace_scale;
	double paced[16];            /* times of the last paced updates */
	size_t npaced;
	long timeout, connect_timeout;
	int max_attempts;
	unsigned rng;
	bool refresh;                /* read the provider's objects while planning */
	/* State file, and its lock (push_lock.c); -1: not held. */
	const char *state_path;
	int lock_fd;
	cJSON *state, *objects;      /* objects: this target's section */
	/* GET answers of lists already read this run, by path. */
	struct push_cached { const char *path; cJSON *answer; } *cache;
	size_t ncache, capcache;
};

/* ---------- push_http.c ---------- */

/* Reads the timing settings from the environment (IVRC_HTTP_TIMEOUT,
 * IVRC_BACKOFF_SCALE, IVRC_PACE_SCALE, IVRC_MAX_ATTEMPTS). */
void push_http_settings(struct push_ctx *c);
/* Checks the base URL; opens the curl handle unless no request will be
 * sent. Returns a PUSH_* status after printing why not. */
int push_http_open(struct push_ctx *c, bool send);
void push_http_close(struct push_ctx *c);

/* A request. `body` is JSON text or NULL. `login`: no Authorization
 * header, a 401 is a refusal. `remote_name` and `collection`, for a create:
 * when the answer is lost, the objects are listed and matched by name
 * before the create is repeated. */
struct push_call {
	const char *method, *path, *body;
	const char *what;            /* "ivr:main", for messages */
	bool login;
	const char *remote_name, *collection;
};

/* Sends with retries (CLI.md "Push"). On PV_OK, r holds the answer, or
 * *adopted the id of the object that an earlier, lost attempt created.
 * Prints why on PV_FAIL. In a dry run it prints the request instead and
 * answers PV_OK with an empty r. Free r with push_resp_free. */
enum push_verdict push_call(struct push_ctx *c, const struct push_call *k,
			    struct push_resp *r, const char **adopted);
void push_resp_free(struct push_resp *r);

/* Logs in (push_auth's login) and keeps the token; a PUSH_* status. */
int push_login(struct push_ctx *c);

/* The answer of the provider's list of `collection` (filtered by `name`
 * where the provider can), read once per run unless fresh; NULL after
 * printing why (*v). */
const cJSON *push_list(struct push_ctx *c, const char *collection, const char *name,
		       bool fresh, enum push_verdict *v);
/* The id of the one object named `name` in `collection`, through the
 * provider's list (cached per run unless fresh); *id NULL when there is
 * none. PV_FAIL after printing why (e.g. two objects of that name). */
enum push_verdict push_find_by_name(struct push_ctx *c, const char *collection,
				    const char *name, bool fresh, const char **id);

/* The URL of a path: {account_id} filled, ids escaped by the caller. */
const char *push_url(struct push_ctx *c, const char *path);
/* Percent-encodes everything but RFC 3986's unreserved characters. */
const char *push_escape(struct arena *a, const char *s);
/* s with every secret of the context, raw or JSON-escaped, however short,
 * replaced by "***": only for text ivrc did not write (a provider's
 * message, a refused base URL); what ivrc builds masks each credential
 * where it goes instead. */
const char *push_redact(const struct push_ctx *c, const char *s);

/* The virtual clock (seconds), and a wait on it: sleeps seconds * scale
 * for real, in slices, and returns false when Ctrl-C came. */
double push_clock(const struct push_ctx *c);
bool push_wait(struct push_ctx *c, double seconds, double scale);
/* Waits, when needed, so that PUTs keep to the provider's limit. */
bool push_pace(struct push_ctx *c, const char *what);

/* SIGINT: install (stop after the current request), query, restore. */
void push_signals_install(void);
void push_signals_restore(void);
bool push_interrupted(void);

/* ---------- push_state.c ---------- */

struct bundle_object;
struct link_filler;

/* Reads the state file (missing: an empty one) and finds the project's
 * section for the target; a PUSH_* status after saying why not. */
int push_state_load(struct push_ctx *c);
/* Writes it atomically (a plan or a dry run writes nothing); false after
 * printing the ids known so far. */
bool push_state_save(struct push_ctx *c);
/* The entry of "kind:name"; NULL when there is none. */
cJSON *push_state_entry(const struct push_ctx *c, const char *key);
/* The entry of "kind:name", made (an object) when missing. */
cJSON *push_entry_for(struct push_ctx *c, const char *key);
/* An entry's string member, in the arena; NULL when absent. */
const char *push_entry_string(struct push_ctx *c, const cJSON *e, const char *key);
void push_entry_set(cJSON *obj, const char *key, const char *value);
/* The body last sent, as the entry recorded it; NULL when it did not. */
const cJSON *push_last_body(const cJSON *entry);
/* Whether body is the one the entry recorded as last sent (or, in an
 * earlier state, has its hash). */
bool push_as_last_sent(struct push_ctx *c, const cJSON *entry, const cJSON *body);
/* A copy of o's body with every id the state knows filled in (*f says
 * what was not known). */
cJSON *push_filled_body(struct push_ctx *c, const struct bundle_object *o,
			struct link_filler *f);
/* A body as the text sent. */
const char *push_body_text(struct push_ctx *c, const cJSON *body);

/* ---------- push_lock.c ---------- */

/* Takes the lock of the state file (STATE.lock), waiting at most
 * o->lock_timeout seconds; a PUSH_* status after saying who holds it. */
int push_lock_take(struct push_ctx *c);
void push_lock_release(struct push_ctx *c);

/* ---------- shared by the providers ---------- */

/* The first array in an answer (the answer itself when it is one). */
const cJSON *push_first_array(const cJSON *answer);
/* An id member as text (a string, or a number: an integer as its digits,
 * another as %.17g, which no provider's id check takes); NULL when absent. */
const char *push_id_text(struct arena *a, const cJSON *obj, const char *key);
/* The program's setting `name` of this target (or its default). */
const char *push_setting(const struct push_ctx *c, const char *name);
/* Whether s can go into an HTTP header: no control character (a CR or LF
 * would add headers of its own). */
bool push_header_safe(const char *s);
/* A URL as it may be printed: no user, password, query or fragment. */
const char *push_url_shown(struct arena *a, const char *url);
/* A provider's text (a name, an id) as it may be printed: control
 * characters as \xNN, at most 80 bytes. */
const char *push_shown(struct arena *a, const char *s);
/* 1 to 64 letters, digits, '-' and '_': the ids of Sonetel and Infobip. */
bool push_id_plain(const char *id);
/* Whether a string holds a placeholder "@{...}". */
bool push_has_placeholder(const char *s);
/* Visits every node of a JSON tree, parent first, with an explicit stack
 * (Infobip scripts nest deeply). fn returns the node to descend into: the
 * node itself, or what it put in its place (through parent). */
typedef cJSON *(*push_walk_fn)(void *ud, cJSON *parent, cJSON *node);
void push_walk(cJSON *root, push_walk_fn fn, void *ud);

#endif
