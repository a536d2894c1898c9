/* The one list of targets. A new provider is a folder beside smartflo/
 * (its target.c defines `struct target NAME_target`) and one line in
 * TARGETS below;
 * tests/unit/test_registry.c checks this list against the folders and
 * docs/TARGETS.md. */
#include "target.h"

#include <string.h>

/* The list: X(name) for the struct target `name_target` of targets/name/. */
#define TARGETS(X) \
	X(smartflo) \
	X(sonetel) \
	X(infobip)

#define DECLARE(name) extern const struct target name##_target;
TARGETS(DECLARE)

#define TARGET(name) &name##_target,
static const struct target *const registry[] = { TARGETS(TARGET) };

#define CAPS(name) &name##_target.caps,
static const struct target_caps *const registry_caps[] = { TARGETS(CAPS) };

enum { REGISTRY_COUNT = sizeof registry / sizeof registry[0] };

static const struct target_set set = { registry_caps, REGISTRY_COUNT };

const struct target_set *target_set(void)
{
	return &set;
}

size_t target_count(void)
{
	return REGISTRY_COUNT;
}

const struct target *target_at(size_t i)
{
	return i < REGISTRY_COUNT ? registry[i] : NULL;
}

const struct target *target_named(const char *name, const char **hint)
{
	const char *names[REGISTRY_COUNT];
	for (size_t i = 0; i < REGISTRY_COUNT; i++) {
		if (strcmp(registry[i]->caps.name, name) == 0)
			return registry[i];
		names[i] = registry[i]->caps.name;
	}
	if (hint)
		*hint = diag_suggest(name, names, REGISTRY_COUNT);
	return NULL;
}

size_t target_declared_caps(const struct ast_program *p, const struct target_caps **out)
{
	size_t n = 0;
	for (size_t i = 0; i < p->target_set->count; i++)
		if (p->targets[i].present)
			out[n++] = p->target_set->caps[i];
	return n;
}
