/* Smartflo as a target: its capabilities, limits and settings (the
 * checker, lint and the simulator read them), and its lowering, push facts
 * and import (lower.c, push.c, import.c); registry.c lists it. Where each
 * fact comes from: docs/TARGETS.md. */
#include "smartflo.h"

#include "../../compiler/ast.h"
#include "../target.h"

static const char *const sf_as_choices[] = {"ivr", "vr", NULL};

static const struct setting_spec sf_settings[] = {
	{"remote_name", SETTING_NAME_PATTERN, "{project}-{name}", NULL,
	 "the objects' names at the provider: {project}, {env} (--env) and {name}"},
	{"separator", SETTING_STRING, "||", NULL,
	 "between a destination's type and id (extension||0504...; seed 002, the API "
	 "reference); | for accounts that take the single pipe"},
	{"menus_as", SETTING_ENUM, "ivr", sf_as_choices,
	 "what menus lower to: ivr (POST /v1/ivr) or vr (virtual receptionist)"},
	{"vr_path", SETTING_PATH, "/v1/virtual_receptionist", NULL,
	 "API path of virtual receptionists"},
	{"announcement_type", SETTING_STRING, "auto_attend", NULL,
	 "destination type that routes a call to an announcement (auto attendant)"},
	{"announcement_recording_key", SETTING_STRING, "recording_ID", NULL,
	 "body key of an auto attendant's recording id (one client spells it recording_id)"},
	{"hangup", SETTING_STRING, NULL, NULL,
	 "destination string that ends the call, as written (default: hangup, the "
	 "separator, 1); auto attendants and virtual receptionists split it at the "
	 "separator"},
	{"vr_route_type", SETTING_STRING, "vr", NULL,
	 "destination type that routes a call to a virtual receptionist"},
};

static const struct setting_spec sf_menu_settings[] = {
	/* No default of its own: targets.smartflo.menus_as decides. */
	{"as", SETTING_ENUM, NULL, sf_as_choices,
	 "lower this menu as ivr or vr (default: targets.smartflo.menus_as)"},
	/* Seed 003 fields without an ivrc construct; an IVR has no such field. */
	{"prefix", SETTING_STRING, NULL, NULL,
	 "virtual receptionist only: caller ID prefix (body field prefix)"},
	{"intercom", SETTING_STRING, NULL, NULL,
	 "virtual receptionist only: intercom number (body field intercom)"},
};

static const struct setting_spec sf_schedule_settings[] = {
	/* Required where a schedule is routed to: the lowering says so. */
	{"time_condition", SETTING_STRING, NULL, NULL,
	 "id of the time condition made in Smartflo's panel for this schedule (routes "
	 "to time_condition, the separator, the id)"},
};

/* Only POST /v1/auto_attendant and POST /v1/broadcast are documented; IVRs
 * have PUT /v1/ivr/ID, virtual receptionists PUT (the sister platform's
 * page). */
static const char *const sf_create_only_kinds[] = { "auto_attendant", "broadcast", NULL };

/* Virtual receptionists take the ids they route to as numbers (vr_id). */
static const char *const sf_numeric_ref_kinds[] = { "vr", NULL };

const struct target smartflo_target = {
	.caps = {
		.name = "smartflo",
		.label = "Smartflo",
		.recording_id = REC_ID_INTEGER,
		.recording_id_what = "a Smartflo recording id",
		.recording_id_doc = "id of the recording uploaded to Smartflo",
		.dest_kinds = DEST_BIT(DEST_NAME) | DEST_BIT(DEST_MENU) | DEST_BIT(DEST_ANNOUNCEMENT) |
			      DEST_BIT(DEST_EXTENSION) | DEST_BIT(DEST_RINGGROUP) | DEST_BIT(DEST_AGENT) |
			      DEST_BIT(DEST_QUEUE) | DEST_BIT(DEST_DEPARTMENT) | DEST_BIT(DEST_IVR) |
			      DEST_BIT(DEST_HANGUP) | DEST_BIT(DEST_REPEAT),
		.warn_dest_kinds = DEST_BIT(DEST_QUEUE) | DEST_BIT(DEST_DEPARTMENT),
		.objects = 1u << DECL_MENU | 1u << DECL_ANNOUNCEMENT | 1u << DECL_BROADCAST |
			   1u << DECL_ENDPOINT | 1u << DECL_RECORDING,
		.keys = "0123456789*#",       /* every key it takes; */
		.warn_keys = "*#",            /* these with a warning (IVR407) */
		.recording_need = REC_NEED_OWN_ID,
		.settings = sf_settings,
		.nsettings = sizeof sf_settings / sizeof sf_settings[0],
		.menu_settings = sf_menu_settings,
		.nmenu_settings = sizeof sf_menu_settings / sizeof sf_menu_settings[0],
		.schedule_settings = sf_schedule_settings,
		.nschedule_settings = sizeof sf_schedule_settings / sizeof sf_schedule_settings[0],
		.schedules = SCHEDULES_AT_ENTRY,
		.schedules_why = "Smartflo documents a time condition (time_condition, the separator, "
				 "its id) only as a number's destination, not inside an IVR or auto "
				 "attendant: route the number there",
		.broadcast_min_ring_timeout = 40,
		.broadcast_max_retries = 5,
		.broadcast_min_dial_status = 1,
		.broadcast_max_dial_status = 5,
		.check = smartflo_check,
		.final_prompt_fallback = true,
	},
	.lower = smartflo_lower,
	.lowering = smartflo_lowering,
	.numeric_ref_kinds = sf_numeric_ref_kinds,
	.create_only_kinds = sf_create_only_kinds,
	.push = &smartflo_push,
	.import = &smartflo_import,
};
