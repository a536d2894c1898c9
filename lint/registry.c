/* Every lint rule, sorted by code: a plain literal list. A rule is one file
 * in lint/rules/ named after it (tests/unit/test_registry.c checks that
 * this list and the folder agree, that codes are sorted and unique, and
 * that every rule has its page docs/rules/IVRxxx.md). */
#include "engine.h"

extern const struct lint_rule lint_rule_unreachable;
extern const struct lint_rule lint_rule_inescapable_loop;
extern const struct lint_rule lint_rule_menu_without_options;
extern const struct lint_rule lint_rule_option_to_own_menu;
extern const struct lint_rule lint_rule_missing_invalid_handler;
extern const struct lint_rule lint_rule_missing_no_input_handler;
extern const struct lint_rule lint_rule_final_prompt_without_retries;
extern const struct lint_rule lint_rule_too_many_options;
extern const struct lint_rule lint_rule_menu_too_deep;
extern const struct lint_rule lint_rule_unannounced_key;
extern const struct lint_rule lint_rule_unused_recording;
extern const struct lint_rule lint_rule_unused_endpoint;
extern const struct lint_rule lint_rule_broadcast_window_past;
extern const struct lint_rule lint_rule_retries_outside_window;
extern const struct lint_rule lint_rule_variable_read_before_write;
extern const struct lint_rule lint_rule_unreachable_step;
extern const struct lint_rule lint_rule_loop_without_exit;
extern const struct lint_rule lint_rule_goto_loop_without_exit;
extern const struct lint_rule lint_rule_switch_without_default;
extern const struct lint_rule lint_rule_unused_variable;
extern const struct lint_rule lint_rule_text_ordering;
extern const struct lint_rule lint_rule_constant_condition;
extern const struct lint_rule lint_rule_calendar_never_open;
extern const struct lint_rule lint_rule_schedule_branches_alike;
extern const struct lint_rule lint_rule_overlapping_hours;
extern const struct lint_rule lint_rule_holidays_past;
extern const struct lint_rule lint_rule_slow_to_human;
extern const struct lint_rule lint_rule_many_keys_to_human;
extern const struct lint_rule lint_rule_timeout_without_replay;
extern const struct lint_rule lint_rule_escape_key_misses_human;
extern const struct lint_rule lint_rule_not_built_by_any_target;
extern const struct lint_rule lint_rule_unreachable_on_target;
extern const struct lint_rule lint_rule_app_prompt_without_text;
extern const struct lint_rule lint_rule_unknown_code;
extern const struct lint_rule lint_rule_non_canonical_duration;
extern const struct lint_rule lint_rule_names_differ_in_case;
extern const struct lint_rule lint_rule_name_style;
extern const struct lint_rule lint_rule_redundant_default;
extern const struct lint_rule lint_rule_unused_label;

const struct lint_rule *const lint_registry[] = {
	&lint_rule_unreachable,
	&lint_rule_inescapable_loop,
	&lint_rule_menu_without_options,
	&lint_rule_option_to_own_menu,
	&lint_rule_missing_invalid_handler,
	&lint_rule_missing_no_input_handler,
	&lint_rule_final_prompt_without_retries,
	&lint_rule_too_many_options,
	&lint_rule_menu_too_deep,
	&lint_rule_unannounced_key,
	&lint_rule_unused_recording,
	&lint_rule_unused_endpoint,
	&lint_rule_broadcast_window_past,
	&lint_rule_retries_outside_window,
	&lint_rule_variable_read_before_write,
	&lint_rule_unreachable_step,
	&lint_rule_loop_without_exit,
	&lint_rule_goto_loop_without_exit,
	&lint_rule_switch_without_default,
	&lint_rule_unused_variable,
	&lint_rule_text_ordering,
	&lint_rule_constant_condition,
	&lint_rule_calendar_never_open,
	&lint_rule_schedule_branches_alike,
	&lint_rule_overlapping_hours,
	&lint_rule_holidays_past,
	&lint_rule_slow_to_human,
	&lint_rule_many_keys_to_human,
	&lint_rule_timeout_without_replay,
	&lint_rule_escape_key_misses_human,
	&lint_rule_not_built_by_any_target,
	&lint_rule_unreachable_on_target,
	&lint_rule_app_prompt_without_text,
	&lint_rule_unknown_code,
	&lint_rule_non_canonical_duration,
	&lint_rule_names_differ_in_case,
	&lint_rule_name_style,
	&lint_rule_redundant_default,
	&lint_rule_unused_label,
};

const size_t lint_registry_count = sizeof lint_registry / sizeof lint_registry[0];
