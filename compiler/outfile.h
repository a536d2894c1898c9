/* Output files that are never left half-written (CLI.md, "Exit status"):
 * each file is written to a temporary file in its own directory, fsync'd,
 * then renamed into place. A symlink is written through (the file it points
 * to is replaced); the replacement keeps the mode of the file it replaces
 * (as root, its owner too); only a regular file is replaced. A set of files is staged first and renamed only
 * once every one of them was written, so a failure part way leaves the
 * files that were there as they were. `build -o DIR` writes through a set;
 * push's state file is one outfile_write_atomic. */
#ifndef IVRC_OUTFILE_H
#define IVRC_OUTFILE_H
#include <stddef.h>

struct arena;

struct outfile_staged {
	const char *path, *tmp;
};

struct outfile_set {
	struct arena *arena;
	struct outfile_staged *items;
	size_t n, cap;
	const char *failed;        /* the path that failed, after an error */
	unsigned new_mode;         /* a file made new: this less the umask (0666) */
};

/* Not an errno value: the path is a device, a pipe or a directory. */
enum { OUTFILE_NOT_REGULAR = -1 };
/* What an error of these functions means, for a message. */
const char *outfile_error(int err);

/* mkdir -p: creates path and its missing parents (mode 0777 less the
 * umask). Returns 0 or an errno value. */
int outfile_mkdir_p(const char *path);

/* Replaces path with data atomically; a new file gets new_mode less the
 * umask (push's state file: 0600). Returns 0 or an error (outfile_error). */
int outfile_write_atomic(const char *path, const void *data, size_t len, unsigned new_mode);

void outfile_set_init(struct outfile_set *s, struct arena *a);
/* Writes data to a new temporary file beside path and fsyncs it. Returns 0
 * or an errno value (then nothing of this file remains, s->failed = path). */
int outfile_set_stage(struct outfile_set *s, const char *path, const void *data, size_t len);
/* Renames every staged file into place, then syncs their directories.
 * Returns 0 or the errno of the first rename that failed (s->failed); the
 * temporary files not yet renamed are removed. */
int outfile_set_commit(struct outfile_set *s);
/* Removes every staged temporary file; nothing is renamed. */
void outfile_set_abort(struct outfile_set *s);

#endif
