/* Infobip IVR scenarios: what the target can express. Lowering to scenario
 * scripts is not built yet; the checker already uses this table. */
#include "backend.h"

static const char *const goto_limit_keys[] = { "goToLimit", "gotoLimit", NULL };

static const struct setting_spec settings[] = {
	{ "language", SETTING_STRING, "en", NULL, "language of 'say' actions" },
	{ "voice", SETTING_STRING, "Joanna", NULL, "voice name of 'say' actions" },
	{ "goto_limit_key", SETTING_ENUM, "goToLimit", goto_limit_keys,
	  "spelling of goTo's limit option (UNCERTAIN: examples write gotoLimit)" },
};

static const struct target_caps caps = {
	.target = TARGET_INFOBIP,
	.dest_kinds = DEST_BIT(DEST_NAME) | DEST_BIT(DEST_MENU) | DEST_BIT(DEST_ANNOUNCEMENT) |
		      DEST_BIT(DEST_FLOW) | DEST_BIT(DEST_PHONE) | DEST_BIT(DEST_HANGUP) |
		      DEST_BIT(DEST_REPEAT),
	.objects = 1u << DECL_MENU | 1u << DECL_ANNOUNCEMENT | 1u << DECL_FLOW |
		   1u << DECL_ENDPOINT | 1u << DECL_RECORDING,
	.keys = "0123456789*#",
	.recording_need = REC_NEED_ID_URL_OR_TEXT,
	.settings = settings,
	.nsettings = sizeof settings / sizeof settings[0],
};

const struct backend infobip_backend = {
	.target = TARGET_INFOBIP,
	.caps = &caps,
	.lower = NULL,
};
