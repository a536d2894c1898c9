/* The plan of `ivrc plan` and `ivrc push` (push_plan.c): one item per
 * object of the bundle or of the state, each to create, update, delete or
 * leave, with the fields an update changes; push.c carries it out. Not for
 * use outside push*.c. */
#ifndef IVRC_PUSH_PLAN_H
#define IVRC_PUSH_PLAN_H
#include "push_impl.h"

struct link_filler;

enum act { ACT_KEEP, ACT_CREATE, ACT_UPDATE, ACT_DELETE, ACT_ORPHAN };

/* Where a field of an update changed: in the file (since the last push),
 * on the provider (since the last push: push puts it back), both, or on
 * the provider against a state that holds no copy of the last body. */
enum side { SIDE_FILE, SIDE_PROVIDER, SIDE_BOTH, SIDE_UNRECORDED };

/* One field of an update: its JSON texts before and after (NULL: absent),
 * and for SIDE_BOTH what was last pushed. */
struct field {
	const char *path, *before, *after, *last;
	enum side side;
};

struct item {
	struct bundle_object *o;     /* NULL: only in the state file */
	struct field *fields;        /* an update's changes, when known */
	size_t nfields;
	const char *key, *path, *remote_name, *id;
	const char *recorded_name;   /* the state's remote_name; NULL: none */
	enum act act;
	const char *note;
	bool pending;                /* an earlier create may have been applied */
	bool drifted;                /* --refresh: changed remotely */
	bool verified;               /* the provider's object of id is ours */
};

struct plan {
	struct item *v;
	size_t n, cap;
	size_t count[5];
	const char **keys;           /* "kind:name" of each bundle object */
};

/* The plan of bundle b against the state (and, with c->refresh, the
 * provider's objects); a PUSH_* status after saying why not. */
int push_plan_make(struct push_ctx *c, struct bundle *b, struct plan *pl);
/* Objects to create, update or delete. */
size_t push_plan_changes(const struct plan *pl);
/* The plan on standard output: text, or JSON with o->json. */
void push_plan_print(struct push_ctx *c, const struct bundle *b, const struct plan *pl);

/* Before a PUT or DELETE of an object this run did not create or find:
 * the provider's object of its id must carry the recorded name. */
int push_verify_owned(struct push_ctx *c, struct item *it);
/* Whether the ids a body takes as numbers are numbers (else says so). */
bool push_ids_fit(struct push_ctx *c, const struct item *it, const struct link_filler *f);
/* PATH/ID, the id escaped. */
const char *push_id_path(struct push_ctx *c, const char *collection, const char *id);
/* A Ctrl-C (says what to do next) or a failed request: the PUSH_* status. */
int push_stopped(struct push_ctx *c);
int push_failed(enum push_verdict v, struct push_ctx *c);

#endif
