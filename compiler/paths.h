/* Every caller path, measured (`ivrc paths`; docs/CLI.md). A checked
 * program and one target's behaviour (simulate.h) become a graph of menu
 * states, (menu, wrong keys so far, silences so far): what a caller can
 * do in each (press an option, press a wrong key, stay silent), what plays
 * and how long it takes, and where the call goes. Paths are enumerated
 * from it, depth first and bounded (a menu entered again on the same path
 * is a loop: cut and marked); the summary comes from dynamic programming
 * over the same states, without enumerating. Times are milliseconds. */
#ifndef IVRC_PATHS_H
#define IVRC_PATHS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ast.h"
#include "simulate.h"

struct arena;

/* The time model: a prompt lasts its recording's `duration`, else its
 * text read at this rate, else it is unknown (and said so). */
enum { PATHS_WORDS_PER_MINUTE = 180 };

/* Where a path ends. */
enum paths_end {
	PATHS_HUMAN,       /* extension, agent, queue, ring group, department, user, phone, sip */
	PATHS_VOICEMAIL,
	PATHS_EXTERNAL,    /* an app or an IVR outside the project */
	PATHS_FLOW,        /* a flow: its steps are not followed */
	PATHS_HANGUP,
	PATHS_LOOP,        /* back to a menu already on the path: cut */
	PATHS_UNKNOWN,     /* an endpoint with no literal on this target */
	PATHS_END_COUNT
};

/* "human", "voicemail", "external", "flow", "hangup", "loop", "unknown". */
extern const char *const paths_end_names[PATHS_END_COUNT];

enum paths_action {
	PATHS_PRESS,       /* a key of the menu's options */
	PATHS_WRONG,       /* a key the menu has no option for */
	PATHS_SILENCE,     /* nothing for the menu's timeout */
	PATHS_ON,          /* no choice: an announcement goes on by itself */
};

/* One thing the caller did (or, PATHS_ON, the call did by itself). */
struct paths_step {
	enum paths_action action;
	char key;                          /* PRESS, WRONG */
	const struct ast_decl *at;         /* the menu or announcement */
};

/* A prompt heard on the way. */
struct paths_heard {
	const struct ast_recref *prompt;
	uint64_t ms;
	bool known;                        /* false: no duration and no text */
};

/* One path, as the enumeration hands it out (valid during the call). */
struct paths_path {
	const struct paths_step *steps;
	size_t nsteps;
	const struct paths_heard *heard;
	size_t nheard;
	uint64_t ms;                       /* prompts (known ones) and silences */
	size_t unknown;                    /* prompts of unknown length heard */
	enum paths_end end;
	const char *end_text;              /* as written: sales_desk, hangup, menu:main */
	const char *end_literal;           /* an endpoint's literal on the target, or NULL */
};

struct paths_model;

/* The states of p (checked for this target) under behaviour bh (NULL: the
 * language's semantics); target: its index in p's set (for endpoints'
 * literals), or -1. */
struct paths_model *paths_build(const struct ast_program *p, int target,
				const struct sim_behaviour *bh, struct arena *a);

/* Calls emit for each path from `from` (a menu, announcement, flow,
 * voicemail or endpoint), in order: options as written, then a wrong key,
 * then silence. At most limit paths (0: no limit); returns how many were
 * given, and *more: whether the limit cut the enumeration short. */
size_t paths_each(struct paths_model *m, const struct ast_decl *from, size_t limit,
		  void (*emit)(void *ctx, const struct paths_path *path), void *ctx, bool *more);

/* A way through: the steps and where it ends (a witness of the summary). */
struct paths_way {
	bool found;
	struct paths_step *steps;
	size_t nsteps;
	uint64_t ms;
	size_t keys;                       /* keys pressed (wrong ones too) */
	size_t unknown;                    /* prompts of unknown length on it */
	enum paths_end end;
	const char *end_text, *end_literal;
};

/* What dynamic programming says of the calls from one place. */
struct paths_summary {
	struct paths_way fastest_human;    /* the least time to a human */
	struct paths_way fewest_keys_human;/* the fewest keys to a human (then the least time) */
	struct paths_way slowest_human;    /* the most time to a human without a loop */
	double paths;                      /* paths, loops cut (as paths_each counts them) */
	double by_end[PATHS_END_COUNT];    /* ... by where they end */
	/* Hangups where no menu on the way offered a human. */
	struct paths_way *lonely_hangups;
	size_t nlonely_hangups;
	/* Menus reachable from here that every way out of ends in a hangup. */
	const struct ast_decl **trapped;
	size_t ntrapped;
};

void paths_summarize(struct paths_model *m, const struct ast_decl *from,
		     struct paths_summary *out);

/* Calls emit once for each distinct end (by its text: sales_desk, hangup)
 * that a call from `from` can reach, loops aside, with the way there of
 * the fewest steps; nearest first. (`paths --emit-tests`.) */
void paths_ends(struct paths_model *m, const struct ast_decl *from,
		void (*emit)(void *ctx, const struct paths_way *way), void *ctx);

/* How long a caller is in a menu or announcement, from entering it afresh,
 * before the call leaves it by one route: an option's key (PATHS_PRESS),
 * wrong keys (PATHS_WRONG) or silences (PATHS_SILENCE) until the handler's
 * `then`, or an announcement's `then` (PATHS_ON). Its prompt, the retries'
 * prompts and timeouts, the final prompt. False when the route is not
 * there (a key the target does not take; Sonetel's wrong keys, which
 * replay the menu). *unknown counts prompts of unknown length. */
bool paths_route_ms(struct paths_model *m, const struct ast_decl *d, enum paths_action action,
		    char key, uint64_t *ms, size_t *unknown);

/* ---------- what lint's caller rules ask (lint/caller.h) ---------- */

/* The way to a human from a menu or announcement entered afresh that takes
 * the least time (by_keys: the fewest keys, then the least time); .found
 * is false when there is none. */
struct paths_way paths_to_human(struct paths_model *m, const struct ast_decl *from,
				bool by_keys);

/* Sets menus[k] for every menu p->menus[k] a call from `from` enters. */
void paths_reach(struct paths_model *m, const struct ast_decl *from, bool *menus);

/* What pressing one key in a menu does, through the announcements after. */
struct paths_press {
	bool option;                       /* the menu has an option for the key, on this target */
	const struct ast_decl *menu;       /* the menu it leads to, or NULL: the call ends */
	enum paths_end end;                /* menu == NULL */
	const char *end_text, *end_literal;
};
struct paths_press paths_press_key(struct paths_model *m, const struct ast_menu *menu, char key);

/* The caller's side of steps: "2 5(wrong) 1", "(nothing)" (in the arena). */
const char *paths_keys_text(struct arena *a, const struct paths_step *steps, size_t n);
/* ms as seconds to a tenth, rounded half up: "7.7". */
const char *paths_tenths_text(struct arena *a, uint64_t ms);
/* "7.7 s", or ">= 7.7 s" when prompts of unknown length play on the way. */
const char *paths_seconds_text(struct arena *a, uint64_t ms, size_t unknown);

#endif
