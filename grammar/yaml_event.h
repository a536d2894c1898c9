/* YAML events as the loader takes them, from either reader: libyaml's
 * (every file) or the fast path for plain YAML (yaml_fast.re). Positions
 * are byte offsets into the source. */
#ifndef IVRC_YAML_EVENT_H
#define IVRC_YAML_EVENT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum yaml_ev_kind {
	YEV_DOCUMENT,       /* a document starts */
	YEV_SCALAR,
	YEV_SEQ_START,
	YEV_MAP_START,
	YEV_SEQ_END,
	YEV_MAP_END,
	YEV_ALIAS,
	YEV_STREAM_END,
};

struct yaml_ev {
	enum yaml_ev_kind kind;
	uint32_t start, end;
	/* A scalar's value (len bytes; not NUL-terminated); valid during the call. */
	const char *text;
	size_t len;
	bool quoted;             /* a scalar that is not plain, or has a tag */
	const char *tag;         /* as libyaml resolved it, or NULL */
	const char *anchor;      /* the anchor a node defines, or the name an alias uses */
};

/* Takes one event; false stops the reader. */
typedef bool (*yaml_ev_fn)(void *ctx, const struct yaml_ev *e);

#endif
