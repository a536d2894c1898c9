/* The call simulator: plays one call through a checked program, offline.
 * Input events are DTMF keys, `silence` and `said:WORDS` (speech, for
 * capture); call_api is answered from a fixture map. Menus count wrong keys
 * and silence exactly as LANGUAGE.md "Menus" says; a target's own behaviour,
 * where it differs, comes in as a sim_behaviour. The result is a list of
 * events (the transcript) and the path (every object entered, then where
 * the call ended). An explicit state machine: no recursion over the call. */
#ifndef IVRC_SIMULATE_H
#define IVRC_SIMULATE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "ast.h"
#include "caps.h"

struct arena;
struct cJSON;

/* What a target does differently from the language's semantics. All false
 * (and target NULL) is the language itself. */
struct sim_behaviour {
	const char *target;          /* name for the "TARGET: ..." lines */
	const char *keys;            /* keys its menus take (others are wrong keys); NULL: all */
	bool no_invalid_handler;     /* a wrong key replays the menu, uncounted (Sonetel) */
	bool no_input_at_once;       /* silence takes no_input's `then` at once (Sonetel) */
	bool final_prompt_fallback;  /* no final_prompt: the handler's prompt plays (Smartflo) */
	bool schedule_one_branch;    /* a schedule takes the branch the file picked (Sonetel) */
};

/* What target `caps` does differently (its capability table says). */
void sim_behaviour_of(const struct target_caps *caps, struct sim_behaviour *b);

/* One call_api answer: the response fields of one URL (after ${} expansion). */
struct sim_api_answer {
	const char *url;
	const char **fields, **values;
	size_t count;
};

enum sim_input_kind { SIM_IN_KEY, SIM_IN_SILENCE, SIM_IN_SPEECH };

struct sim_input {
	enum sim_input_kind kind;
	const char *text;            /* the key ("1"), or the words said */
};

/* Parses one input event as written ("1", "silence", "said:yes"); false when
 * it is none of them. */
bool sim_parse_input(const char *text, struct sim_input *out);

struct sim_call {
	const struct ast_program *p;
	const struct ast_dest *start;          /* resolved */
	const struct sim_input *input;
	size_t ninput;
	const struct sim_api_answer *api;
	size_t napi;
	const struct sim_behaviour *behaviour; /* NULL: the language's semantics */
	const struct ast_moment *clock;        /* NULL: none; a schedule then stops the call */
};

enum sim_event_kind {
	SIM_EV_ENTER,     /* an object entered: dest */
	SIM_EV_PROMPT,    /* a recording played: name, text (NULL when unknown) */
	SIM_EV_KEY,       /* a key read: key; result, count, retries, dest as below */
	SIM_EV_SILENCE,   /* no key in time */
	SIM_EV_SPEECH,    /* words read by capture: text */
	SIM_EV_STEP,      /* a flow step: name (the step), text (what it did) */
	SIM_EV_NOTE,      /* text */
	SIM_EV_TARGET,    /* the target behaves differently: text */
	SIM_EV_END,       /* the call ends at dest */
	SIM_EV_WAIT,      /* no more input while the call waits at dest */
	SIM_EV_ERROR,     /* the simulation stops: text */
};

/* What a key or silence did in a menu. */
enum sim_result_kind {
	SIM_R_NONE,       /* read by a flow step */
	SIM_R_OPTION,     /* an option: dest */
	SIM_R_RETRY,      /* counted against a handler, try again: handler, count, retries */
	SIM_R_GIVE_UP,    /* counted, retries used up: handler, count, retries, dest */
	SIM_R_TARGET,     /* handled by the target's own behaviour (see the next event) */
};

struct sim_event {
	enum sim_event_kind kind;
	enum sim_result_kind result;
	const char *name;     /* recording, step or handler ("invalid", "no_input") */
	const char *text;
	const char *key;
	const char *dest;     /* as written: menu:NAME, an endpoint's name, a literal, hangup */
	int64_t count, retries;
};

/* A stop on the path: an object entered, or where the call ended. */
struct sim_stop {
	const struct ast_decl *decl;   /* the object or endpoint; NULL for a literal */
	enum dest_kind kind;           /* literals: their kind; DEST_HANGUP */
	const char *id;                /* literals: the id */
	const char *text;              /* as written: menu:main, sales_desk, phone:+1..., hangup */
};

enum sim_status {
	SIM_ENDED,        /* the call reached a final destination (the path's last stop) */
	SIM_WAITING,      /* the input ran out while the call waited (at the last stop) */
	SIM_FAILED,       /* the simulation stopped on an error (the last event) */
};

struct sim_result {
	struct sim_event *events;
	size_t nevents, capevents;
	struct sim_stop *path;
	size_t npath, cappath;
	enum sim_status status;
	size_t consumed;               /* input events read */
	const char *error;             /* SIM_FAILED: the message */
};

/* Plays the call. Everything the result holds lives in a. */
void sim_run(const struct sim_call *c, struct arena *a, struct sim_result *out);

/* Whether a stop is the destination d (resolved; a bare name matches the
 * object or endpoint it names). */
bool sim_stop_is(const struct sim_stop *s, const struct ast_dest *d);

/* A declaration as the transcript writes it: menu:main, an endpoint's bare name. */
const char *sim_decl_text(struct arena *a, const struct ast_decl *d);

/* A destination as the transcript writes it (menu:main, sales_desk, hangup). */
const char *sim_dest_text(struct arena *a, const struct ast_dest *d);

/* The transcript: one line per event, then `path: A -> B -> C`. */
void sim_print_text(FILE *out, const struct sim_result *r);

/* The transcript as a JSON object {status, events, path, end, unread}. */
struct cJSON *sim_json(const struct sim_result *r, size_t ninput);

#endif
