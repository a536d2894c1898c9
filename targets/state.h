/* The state file (ours; `ivrc.state.json` beside the input): the remote id
 * of every object push created, per project and target, so that the next
 * push updates it instead of creating it again (docs/CLI.md, "The state
 * file"). Version 2:
 *   {"version": 2,
 *    "projects": {"acme": {"targets": {"smartflo": {"objects": {
 *        "ivr:main": {"id": "123", "remote_name": "acme-main", ...}}}}}}}
 * An object's key is "kind:name" (the ivrc name); "id" is a string or an
 * integer; push keeps more keys (push.c). Projects never share entries: two
 * projects in one folder each have their own. Version 1 (no projects:
 * "targets" at the top) is read as one project's, when every remote name
 * in it is that project's, and push writes it back as version 2. */
#ifndef IVRC_STATE_H
#define IVRC_STATE_H
#include <stdbool.h>
#include <cJSON.h>

struct arena;

enum { STATE_VERSION = 2 };

/* A new, empty state. */
cJSON *state_new(void);

/* state.projects[project].targets[target].objects, or with an environment
 * state.projects[project].environments[env].targets[target].objects (an
 * environment's objects are apart from the others'); with create, made
 * where missing (and a version 1 state turned into version 2 first). NULL
 * with *why when state is not a state file, or when it is a version 1 file
 * that holds another project's objects; NULL with *why NULL when there is
 * no such section and create is false. */
cJSON *state_objects(cJSON *state, struct arena *a, const char *project, const char *env,
		     const char *target, bool create, const char **why);

/* Whether a remote name is one that `project` gives its objects
 * ("PROJECT-NAME"). */
bool state_name_is_projects(const char *remote_name, const char *project);

#endif
