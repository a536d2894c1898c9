/* The DSL's declaration keywords and flow step shapes (see dsl_syntax.h). */
#include "dsl_syntax.h"

#include <string.h>

const struct dsl_decl dsl_decls[] = {
	{ "target", "targets" },
	{ "environment", "environments" },
	{ "recording", "recordings" },
	{ "endpoint", "endpoints" },
	{ "menu", "menus" },
	{ "announcement", "announcements" },
	{ "voicemail", "voicemails" },
	{ "broadcast", "broadcasts" },
	{ "flow", "flows" },
	{ "calendar", "calendars" },
	{ "schedule", "schedules" },
	{ "test", "tests" },
};
const size_t dsl_ndecls = sizeof dsl_decls / sizeof dsl_decls[0];

static const struct dsl_step steps[] = {
	{ "say", "text", true, DSL_BODY_ARGS, NULL },
	{ "play", "url", true, DSL_BODY_ARGS, NULL },
	{ "play_tty", "text", true, DSL_BODY_ARGS, NULL },
	{ "play_upload", "file", true, DSL_BODY_ARGS, NULL },
	{ "play_recording", "recording", true, DSL_BODY_NONE, NULL },
	{ "collect", "into", false, DSL_BODY_ARGS, NULL },
	{ "capture", "into", false, DSL_BODY_ARGS, NULL },
	{ "switch", "on", false, DSL_BODY_CASES, NULL },
	{ "if", "cond", false, DSL_BODY_STEPS, "then" },
	{ "goto", "to", true, DSL_BODY_ARGS, NULL },
	{ "dial", "to", true, DSL_BODY_ARGS, NULL },
	{ "dial_to_many", NULL, false, DSL_BODY_ARGS, NULL },
	{ "dial_webrtc", NULL, false, DSL_BODY_ARGS, NULL },
	{ "dial_conversations", NULL, false, DSL_BODY_ARGS, NULL },
	{ "record", NULL, false, DSL_BODY_ARGS, NULL },
	{ "pause", "seconds", true, DSL_BODY_NONE, NULL },
	{ "set", "var", false, DSL_BODY_ARGS, NULL },
	{ "call_api", "url", true, DSL_BODY_ARGS, NULL },
	{ "send_sms", NULL, false, DSL_BODY_ARGS, NULL },
	{ "while", "cond", false, DSL_BODY_STEPS, "do" },
	{ "repeat_while", "cond", false, DSL_BODY_STEPS, "do" },
	{ "repeat_until", "cond", false, DSL_BODY_STEPS, "do" },
	{ "for_each", "var", false, DSL_BODY_STEPS, "do" },
	{ "hangup", NULL, false, DSL_BODY_NONE, NULL },
	{ "machine_detection", NULL, false, DSL_BODY_NONE, NULL },
};

const struct dsl_step *dsl_step_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (strlen(steps[i].name) == len && memcmp(steps[i].name, name, len) == 0)
			return &steps[i];
	return NULL;
}
