/* Sonetel as a target: its capabilities, limits and settings (the
 * checker, lint and the simulator read them), and its lowering, push facts
 * and import (lower.c, push.c, import.c); registry.c lists it. Where each
 * fact comes from: docs/TARGETS.md. */
#include "sonetel.h"

#include "../../compiler/ast.h"
#include "../target.h"

static const char *const st_voices[] = {
	"en", "swe", "spa", "hin-fe", "tam-fe", "tel-fe", "en-fe", "gr-fe", "en-uk-fe",
	"fr-fe", "ara-fe", NULL,
};

static const char *const st_phone_to[] = {"phnum", "other", NULL};
static const char *const st_yes_no[] = {"yes", "no", NULL};

static const struct setting_spec st_settings[] = {
	{"remote_name", SETTING_NAME_PATTERN, "{project}-{name}", NULL,
	 "the objects' names at the provider: {project}, {env} (--env) and {name}"},
	{"voice", SETTING_ENUM, "en", st_voices,
	 "language and voice of the apps' default prompts"},
	{"phone_to", SETTING_ENUM, "phnum", st_phone_to,
	 "the 'to' of an action that calls a phone number (UNCERTAIN: the reference says other)"},
	{"hangup_action", SETTING_STRING, "disconnect", NULL,
	 "the action that hangs up (seen only in a sample)"},
	{"mailbox_greeting", SETTING_ENUM, "yes", st_yes_no,
	 "whether a mailbox whose voicemail names no greeting plays Sonetel's own "
	 "(no: a silent mailbox)"},
	{"get_extension", SETTING_ENUM, "no", st_yes_no,
	 "whether callers of a menu may dial an extension directly"},
	{"token_path", SETTING_PATH, "/SonetelAuth/beta/oauth/token", NULL,
	 "the OAuth token path on the auth host"},
};

static const struct setting_spec st_menu_settings[] = {
	/* No default of its own: targets.sonetel.get_extension decides. */
	{"get_extension", SETTING_ENUM, NULL, st_yes_no,
	 "whether callers of this menu may dial an extension (default: targets.sonetel's)"},
	{"play_welcome", SETTING_ENUM, "no", st_yes_no,
	 "whether the app plays its Welcome prompt before its Main Menu prompt"},
	{"voice", SETTING_ENUM, NULL, st_voices,
	 "language and voice of this app's own prompts (default: targets.sonetel's)"},
};

static const struct setting_spec st_voicemail_settings[] = {
	{"voice", SETTING_ENUM, NULL, st_voices,
	 "language and voice of this mailbox's own prompts (default: targets.sonetel's)"},
};

static const char *const st_branches[] = {"open", "closed", "holiday", NULL};

static const struct setting_spec st_schedule_settings[] = {
	{"branch", SETTING_ENUM, NULL, st_branches,
	 "the branch every call takes on Sonetel, which has no schedules (a warning says so)"},
};

const struct target sonetel_target = {
	.caps = {
		.schedules = SCHEDULES_ONE_BRANCH,
		.schedules_why = "Sonetel's API has no schedule, office hours or holidays",
		.name = "sonetel",
		.label = "Sonetel",
		.recording_id = REC_ID_STRING,
		.recording_id_what = "a Sonetel prompt id",
		.recording_id_doc = "id of a Sonetel custom prompt",
		.dest_kinds = DEST_BIT(DEST_NAME) | DEST_BIT(DEST_MENU) | DEST_BIT(DEST_ANNOUNCEMENT) |
			      DEST_BIT(DEST_VOICEMAIL) | DEST_BIT(DEST_PHONE) | DEST_BIT(DEST_USER) |
			      DEST_BIT(DEST_APP) | DEST_BIT(DEST_SIP) | DEST_BIT(DEST_HANGUP) |
			      DEST_BIT(DEST_REPEAT),
		.objects = 1u << DECL_MENU | 1u << DECL_ANNOUNCEMENT | 1u << DECL_VOICEMAIL |
			   1u << DECL_ENDPOINT | 1u << DECL_RECORDING,
		.keys = "0123456789",
		.recording_need = REC_NEED_NOTHING,
		.no_invalid_handler = "on a wrong key sonetel plays its own 'Invalid Menu Entry' "
				      "prompt and repeats the menu instead",
		.settings = st_settings,
		.nsettings = sizeof st_settings / sizeof st_settings[0],
		.menu_settings = st_menu_settings,
		.nmenu_settings = sizeof st_menu_settings / sizeof st_menu_settings[0],
		.voicemail_settings = st_voicemail_settings,
		.nvoicemail_settings = sizeof st_voicemail_settings / sizeof st_voicemail_settings[0],
		.schedule_settings = st_schedule_settings,
		.nschedule_settings = sizeof st_schedule_settings / sizeof st_schedule_settings[0],
		.no_input_at_once = true,
		.check = sonetel_check,
	},
	.lower = sonetel_lower,
	.lowering = sonetel_lowering,
	.push = &sonetel_push,
	.import = &sonetel_import,
};
