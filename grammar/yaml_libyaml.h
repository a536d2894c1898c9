/* libyaml's event parser, as the loader's events. */
#ifndef IVRC_YAML_LIBYAML_H
#define IVRC_YAML_LIBYAML_H
#include "../compiler/diag.h"
#include "yaml_event.h"

/* Hands src's events to fn until fn returns false or the stream ends. A
 * file libyaml cannot read is an error in d (IVR101, with what to write
 * instead where libyaml's words do not say it); returns false then. */
bool yaml_libyaml_events(const struct source *src, struct diag *d, yaml_ev_fn fn, void *ctx);

#endif
