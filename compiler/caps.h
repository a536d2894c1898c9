/* What a target can do. Each target's folder fills one in (inside its
 * struct target, targets/target.h); the command line hands the selected
 * targets' tables to the checker, lint and the simulator, so the core never
 * includes a target and no provider fact lives outside its folder. */
#ifndef IVRC_CAPS_H
#define IVRC_CAPS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "ast.h"
#include "diag.h"

/* What a recording must carry for this target to play it. */
enum rec_need {
	REC_NEED_NOTHING,          /* the target has its own prompts (Sonetel) */
	REC_NEED_OWN_ID,           /* the target's own id key (Smartflo) */
	REC_NEED_ID_URL_OR_TEXT    /* own id, else url, else text (Infobip) */
};

enum setting_type {
	SETTING_STRING, SETTING_ENUM, SETTING_PATH,
	SETTING_NAME_PATTERN,      /* {project}, {env} and {name} in text (remote_name) */
	SETTING_URL,               /* https://HOST..., {calendar} in it (a clock's URL) */
};

struct setting_spec {
	const char *name;
	enum setting_type type;
	const char *default_value;
	const char *const *choices;    /* SETTING_ENUM: NULL-terminated */
	const char *summary;
};

/* What recordings.X.<target> holds: the target's own id of a recording. */
enum rec_id_type { REC_ID_INTEGER, REC_ID_STRING };

/* Where a target can route by a schedule (issue 26). */
enum schedule_support {
	SCHEDULES_NONE,        /* nowhere: the provider has no such rule */
	SCHEDULES_ONE_BRANCH,  /* nowhere, but the file may pick the branch built for it
	                          (schedules.X.<target>.branch), with a warning */
	SCHEDULES_AT_ENTRY,    /* where calls arrive only: a rule made in the provider's panel */
	SCHEDULES_ANYWHERE,    /* wherever a destination goes */
};

struct target_caps {
	const char *name;              /* "smartflo": in files and on the command line */
	const char *label;             /* "Smartflo": in messages */
	enum rec_id_type recording_id;
	const char *recording_id_what; /* "a Smartflo recording id", in messages */
	const char *recording_id_doc;  /* one line of the JSON Schema */
	unsigned dest_kinds;           /* DEST_BIT()s it can route to */
	unsigned warn_dest_kinds;      /* routable, but UNCERTAIN: a warning */
	unsigned objects;              /* 1u << DECL_* kinds it builds */
	const char *keys;              /* DTMF keys it accepts, e.g. "0123456789*#" */
	const char *warn_keys;         /* accepted with a warning (UNCERTAIN) */
	const char *keys_why;          /* why the other keys are refused, or NULL */
	enum rec_need recording_need;
	/* Why the target's menus have no invalid-key handler (a menu's `invalid`
	 * is then a warning, IVR420); NULL when they have one. */
	const char *no_invalid_handler;
	const struct setting_spec *settings;   /* targets.<name> */
	size_t nsettings;
	const struct setting_spec *menu_settings;  /* menus.X.<name> */
	size_t nmenu_settings;
	const struct setting_spec *voicemail_settings;  /* voicemails.X.<name> */
	size_t nvoicemail_settings;
	const struct setting_spec *schedule_settings;  /* schedules.X.<name> */
	size_t nschedule_settings;
	enum schedule_support schedules;
	const char *schedules_why;     /* why not further (NONE, AT_ENTRY): for messages */
	/* What only the back end can tell before a build (NULL: nothing). `check`
	 * runs it on a program the resolver accepted; `build` does not, since
	 * lowering reports the same. */
	void (*check)(const struct ast_program *p, struct diag *d);
	/* Provider limits on broadcasts (0 when broadcasts are unsupported). */
	uint32_t broadcast_min_ring_timeout;
	int64_t broadcast_max_retries;
	int64_t broadcast_min_dial_status, broadcast_max_dial_status;
	/* How its calls differ from the language's semantics (the simulator;
	 * docs/TARGETS.md). Its menus' keys and invalid handler are above. */
	bool no_input_at_once;         /* silence takes no_input's `then` at once */
	bool final_prompt_fallback;    /* no final_prompt: the handler's prompt plays */
};

/* The targets a program can name, in order (the registry's): the binder
 * checks `targets:` and the per-target keys against them, and the AST's
 * per-target arrays follow their order. */
struct target_set {
	const struct target_caps *const *caps;
	size_t count;
};

#endif
