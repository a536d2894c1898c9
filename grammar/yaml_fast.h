/* The fast path for plain YAML (yaml_fast.re). */
#ifndef IVRC_YAML_FAST_H
#define IVRC_YAML_FAST_H
#include "../compiler/source.h"
#include "yaml_event.h"

/* Hands src's events to fn, as libyaml would, until fn returns false or
 * the stream ends, and returns true; or returns false, at any point, when
 * the file is not one this reader takes: the events given so far are to
 * be dropped, and the file read with libyaml. */
bool yaml_fast_events(const struct source *src, yaml_ev_fn fn, void *ctx);

#endif
