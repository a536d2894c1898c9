/* Infobip as a target: its capabilities, limits and settings (the
 * checker, lint and the simulator read them), and its lowering, push facts
 * and import (lower.c, push.c, import.c); registry.c lists it. Where each
 * fact comes from: docs/TARGETS.md. */
#include "infobip.h"

#include "../../compiler/ast.h"
#include "../target.h"

static const char *const ib_goto_limit_keys[] = {"goToLimit", "gotoLimit", NULL};

static const struct setting_spec ib_settings[] = {
	{"remote_name", SETTING_NAME_PATTERN, "{project}-{name}", NULL,
	 "the objects' names at the provider: {project}, {env} (--env) and {name}"},
	{"language", SETTING_STRING, "en", NULL,
	 "language of 'say' actions (a recording's or a say step's own language wins)"},
	{"voice", SETTING_STRING, NULL, NULL,
	 "voice name of 'say' actions in the target's language (default: none, Infobip's "
	 "own voice for the language; a say step's own voice wins)"},
	{"clock_url", SETTING_URL, NULL, NULL,
	 "the https:// address a scenario asks whether a calendar is open (GET; its JSON answer "
	 "{\"calendar_state\": \"open\"}, or closed or holiday; {calendar}: the calendar's "
	 "name); needed by schedules"},
	{"goto_limit_key", SETTING_ENUM, "goToLimit", ib_goto_limit_keys,
	 "spelling of goTo's limit option (the schema writes goToLimit, examples gotoLimit)"},
};

const struct target infobip_target = {
	.caps = {
		.schedules = SCHEDULES_ANYWHERE,
		.name = "infobip",
		.label = "Infobip",
		.recording_id = REC_ID_STRING,
		.recording_id_what = "an Infobip recording id",
		.recording_id_doc = "id of an Infobip recording (playFromRecording)",
		.dest_kinds = DEST_BIT(DEST_NAME) | DEST_BIT(DEST_MENU) | DEST_BIT(DEST_ANNOUNCEMENT) |
			      DEST_BIT(DEST_FLOW) | DEST_BIT(DEST_PHONE) | DEST_BIT(DEST_HANGUP) |
			      DEST_BIT(DEST_REPEAT),
		.objects = 1u << DECL_MENU | 1u << DECL_ANNOUNCEMENT | 1u << DECL_FLOW |
			   1u << DECL_ENDPOINT | 1u << DECL_RECORDING,
		.keys = "0123456789*",
		.keys_why = "a collect's mappedValues take only digits and '*', and '#' ends "
			    "the caller's input (the variable comes back empty)",
		.recording_need = REC_NEED_ID_URL_OR_TEXT,
		.settings = ib_settings,
		.nsettings = sizeof ib_settings / sizeof ib_settings[0],
		.check = infobip_check,
	},
	.lower = infobip_lower,
	.lowering = infobip_lowering,
	.push = &infobip_push,
	.import = &infobip_import,
};
