/* Sonetel voice apps: what the target can express. Lowering to voice-app
 * bodies is not built yet; the checker already uses this table. */
#include "backend.h"

static const char *const voices[] = {
	"en", "swe", "spa", "hin-fe", "tam-fe", "tel-fe", "en-fe", "gr-fe", "en-uk-fe",
	"fr-fe", "ara-fe", NULL,
};

static const struct setting_spec settings[] = {
	{ "voice", SETTING_ENUM, "en", voices, "language and voice of the default prompts" },
	{ "phone_to", SETTING_STRING, "phnum", NULL,
	  "the 'to' of a menu entry that calls a phone number (UNCERTAIN: the reference says 'other')" },
	{ "hangup_action", SETTING_STRING, "disconnect", NULL,
	  "the action that hangs up (seen only in a sample)" },
	{ "token_path", SETTING_PATH, "/SonetelAuth/beta/oauth/token", NULL,
	  "the OAuth token path on the auth host" },
};

static const struct target_caps caps = {
	.target = TARGET_SONETEL,
	.dest_kinds = DEST_BIT(DEST_NAME) | DEST_BIT(DEST_MENU) | DEST_BIT(DEST_ANNOUNCEMENT) |
		      DEST_BIT(DEST_VOICEMAIL) | DEST_BIT(DEST_PHONE) | DEST_BIT(DEST_USER) |
		      DEST_BIT(DEST_APP) | DEST_BIT(DEST_SIP) | DEST_BIT(DEST_HANGUP) |
		      DEST_BIT(DEST_REPEAT),
	.objects = 1u << DECL_MENU | 1u << DECL_ANNOUNCEMENT | 1u << DECL_VOICEMAIL |
		   1u << DECL_ENDPOINT | 1u << DECL_RECORDING,
	.keys = "0123456789",
	.recording_need = REC_NEED_NOTHING,
	.settings = settings,
	.nsettings = sizeof settings / sizeof settings[0],
};

const struct backend sonetel_backend = {
	.target = TARGET_SONETEL,
	.caps = &caps,
	.lower = NULL,
};
