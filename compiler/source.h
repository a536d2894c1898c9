/* Source files and spans: every token and node points into one of these. */
#ifndef IVRC_SOURCE_H
#define IVRC_SOURCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;

struct source {
	const char *path;        /* as given on the command line, or by an include */
	bool included;           /* read because another file includes it: it holds
	                            declarations, not the header (name, targets, ...) */
	uint32_t order;          /* its place among the program's files: the root 0 */
	const char *text;        /* whole file, NUL-terminated (NULs inside are possible) */
	size_t len;
	uint32_t *line_starts;   /* byte offset of each line's first byte */
	size_t nlines;
	/* The last position source_linecol found: the next one on the same
	 * line, further on, counts on from it (findings come sorted, and a
	 * minified file is one line). */
	struct source_cursor { uint32_t offset, column; } *cursor;
};

/* A place in a source: byte offset and length. */
struct span {
	const struct source *src;
	uint32_t offset;
	uint32_t length;
};

struct linecol {
	uint32_t line;    /* 1-based */
	uint32_t column;  /* 1-based, in characters (UTF-8 code points) */
};

/* The largest file ivrc reads (a source, a lint configuration, JSON to
 * import, a state file): 256 MiB, 25 times the largest benchmark file. A
 * stream (/dev/zero, a pipe) is read up to it, never further. */
#define SOURCE_LIMIT ((size_t)256 << 20)
#define SOURCE_LIMIT_TEXT "file larger than 256 MiB (the most ivrc reads)"

/* Reads the whole file into the arena; "-" reads standard input. Returns NULL
 * and sets *err to a message (errno text) on failure. */
struct source *source_read(struct arena *a, const char *path, const char **err);

/* A file opened to be read, with its identity: a file that two paths name
 * is told by (dev, ino) before it is read, and read once. */
struct source_file {
	int fd;                  /* -1: closed */
	unsigned long long dev, ino;
	bool is_dir;
	size_t size;             /* a regular file's, else 0 (read as a stream) */
	bool missing;            /* source_open failed: no such file */
};
/* Opens path; false (with the errno text in *err) when it cannot. */
bool source_open(const char *path, struct source_file *f, const char **err);
/* Reads the opened file into the arena, as source_read does, and closes it. */
struct source *source_read_open(struct arena *a, const char *path, struct source_file *f,
				const char **err);
void source_close(struct source_file *f);
struct source *source_from_text(struct arena *a, const char *path,
				const char *text, size_t len);
struct linecol source_linecol(const struct source *src, uint32_t offset);
/* Byte offset of 0-based line and 0-based character column (clamped). */
uint32_t source_offset(const struct source *src, size_t line, size_t column);
/* Where the comment of a line [s, end) starts, or NULL: a `#` outside
 * quotes (matched within the line) at its start or after a blank or `;`.
 * Both syntaxes write comments so. */
const char *source_comment_start(const char *s, const char *end);
/* The line holding offset, without its line break. */
const char *source_line(const struct source *src, uint32_t line, size_t *len);

/* Where a span is in the program: its file's order, then its offset (a
 * key that sorts the places of several files). */
uint64_t span_place(struct span s);
struct span span_make(const struct source *src, size_t offset, size_t length);
/* The span from the start of a to the end of b. */
struct span span_join(struct span a, struct span b);

#endif
