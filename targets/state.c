/* The state file's layout (state.h); reading and writing it is push.c's
 * and cli/driver.c's. */
#include "state.h"

#include <string.h>

#include "../compiler/arena.h"

cJSON *state_new(void)
{
	cJSON *s = cJSON_CreateObject();
	cJSON_AddNumberToObject(s, "version", STATE_VERSION);
	cJSON_AddObjectToObject(s, "projects");
	return s;
}

bool state_name_is_projects(const char *remote_name, const char *project)
{
	size_t n = strlen(project);
	return strncmp(remote_name, project, n) == 0 && remote_name[n] == '-';
}

/* parent[key], made when missing and create; NULL when missing, or *bad
 * when it is there but not an object. */
static cJSON *member(cJSON *parent, const char *key, bool create, bool *bad)
{
	cJSON *x = cJSON_GetObjectItemCaseSensitive(parent, key);
	if (!x && create)
		x = cJSON_AddObjectToObject(parent, key);
	else if (x && !cJSON_IsObject(x))
		*bad = true;
	return *bad ? NULL : x;
}

/* The first entry of a version 1 state whose recorded remote name is not
 * one of `project`'s (entries without one cannot tell and pass). */
static const char *foreign_entry(struct arena *a, const cJSON *targets, const char *project)
{
	const cJSON *t, *e;
	cJSON_ArrayForEach(t, targets) {
		cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(t, "objects")) {
			const cJSON *rn = cJSON_GetObjectItemCaseSensitive(e, "remote_name");
			if (cJSON_IsString(rn) && !state_name_is_projects(rn->valuestring, project))
				return arena_printf(a, "%s '%s' is named '%s'", t->string, e->string,
						    rn->valuestring);
		}
	}
	return NULL;
}

/* A version 1 state (one project, "targets" at the top) as version 2, the
 * project's; false with *why when it holds another project's objects. */
static bool upgrade(cJSON *state, struct arena *a, const char *project, const char **why)
{
	cJSON *targets = cJSON_GetObjectItemCaseSensitive(state, "targets");
	if (targets && !cJSON_IsObject(targets))
		return false;
	const char *foreign = foreign_entry(a, targets, project);
	if (foreign) {
		*why = arena_printf(a, "a version 1 state file (without projects) of another "
				    "project: its %s, and project '%s' names its objects '%s-...'; "
				    "give this project a state file of its own (--state)",
				    foreign, project, project);
		return false;
	}
	cJSON *projects = cJSON_CreateObject(), *own = cJSON_AddObjectToObject(projects, project);
	cJSON_AddItemToObject(own, "targets", targets ? cJSON_DetachItemViaPointer(state, targets)
						      : cJSON_CreateObject());
	cJSON_AddItemToObject(state, "projects", projects);
	cJSON_ReplaceItemInObjectCaseSensitive(state, "version",
					       cJSON_CreateNumber(STATE_VERSION));
	return true;
}

static const cJSON *objects_of(const cJSON *own, const char *target)
{
	return cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(own, "targets"), target), "objects");
}

/* Why environment env may not start: the project has objects of the
 * target from before its environments (state.projects[P].targets), which
 * no environment owns, and env has none yet, so a push would create its
 * own beside them. Never guessed: said, with what to do. NULL: go on. */
static const char *unscoped(struct arena *a, const cJSON *own, const char *project,
			    const char *env, const char *target)
{
	const cJSON *old = objects_of(own, target);
	const cJSON *mine = objects_of(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(own, "environments"), env), target);
	int n = cJSON_GetArraySize(old);
	if (n == 0 || cJSON_GetArraySize(mine) > 0)
		return NULL;
	const char *names = "";
	int shown = 0;
	for (const cJSON *e = old ? old->child : NULL; e && shown < 3; e = e->next, shown++)
		names = arena_printf(a, "%s%s%s", names, shown ? ", " : "",
				     e->string ? e->string : "?");
	return arena_printf(a, "project '%s' has %d %s object%s from before its environments "
			    "(%s%s), which no environment owns; a push of '%s' would create its "
			    "own beside them. If they are %s's, move projects.%s.targets.%s to "
			    "projects.%s.environments.%s.targets.%s in this file; if not, delete "
			    "them at the provider and here", project, n, target, n == 1 ? "" : "s",
			    names, n > 3 ? ", ..." : "", env, env, project, target, project, env,
			    target);
}

cJSON *state_objects(cJSON *state, struct arena *a, const char *project, const char *env,
		     const char *target, bool create, const char **why)
{
	*why = arena_printf(a, "not an ivrc state file (version %d)", STATE_VERSION);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(state, "version");
	if (!cJSON_IsObject(state) || !cJSON_IsNumber(v))
		return NULL;
	if (v->valuedouble == 1) {
		if (!upgrade(state, a, project, why))
			return NULL;
	} else if (v->valuedouble != STATE_VERSION ||
		   !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(state, "projects"))) {
		return NULL;
	}
	bool bad = false;
	cJSON *projects = member(state, "projects", create, &bad);
	cJSON *own = member(projects, project, create, &bad);
	if (env && (*why = unscoped(a, own, project, env, target)))
		return NULL;
	if (env)
		own = member(member(own, "environments", create, &bad), env, create, &bad);
	cJSON *targets = member(own, "targets", create, &bad);
	cJSON *section = member(targets, target, create, &bad);
	cJSON *objects = member(section, "objects", create, &bad);
	if (bad)
		return NULL;
	*why = NULL;
	return objects;
}
