/* Source files: read a whole file (or stdin) into the arena, build a table of
 * line starts, and map byte offsets to 1-based line and character column and
 * back. Lines end at "\r\n", "\n" or a lone "\r" (YAML's line breaks: libyaml
 * counts a lone CR as one too). Columns count UTF-8 code points. */
#include "source.h"
#include "arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Offsets are 32-bit; keep one spare so offset == len still fits. */
#define SOURCE_MAX ((size_t)UINT32_MAX - 1)

static int is_cont(unsigned char c)
{
	return c >= 0x80 && c <= 0xBF;
}

/* The byte after the line break that starts at p ("\r\n", "\n" or "\r"),
 * or NULL when p is not one. */
static const char *after_break(const char *p, const char *end)
{
	if (*p == '\n')
		return p + 1;
	if (*p != '\r')
		return NULL;
	return p + 1 < end && p[1] == '\n' ? p + 2 : p + 1;
}

/* The next line break at or after p; NULL when none. */
static const char *next_break(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '\n' || *p == '\r')
			return p;
	return NULL;
}

/* The start of the line after the one p is in; NULL when none. A file
 * without a CR (most) is searched with memchr. */
static const char *next_line(const char *p, const char *end, bool cr)
{
	if (!cr) {
		p = memchr(p, '\n', (size_t)(end - p));
		return p ? p + 1 : NULL;
	}
	p = next_break(p, end);
	return p ? after_break(p, end) : NULL;
}

/* One entry per line break plus the first line: a file ending in a break
 * has an empty last line, which is where end-of-file findings point. */
static void build_lines(struct arena *a, struct source *s)
{
	const char *p, *end = s->text + s->len;
	bool cr = memchr(s->text, '\r', s->len) != NULL;
	size_t n = 1;
	for (p = s->text; (p = next_line(p, end, cr)) != NULL;)
		n++;
	s->line_starts = arena_alloc(a, n * sizeof *s->line_starts);
	s->line_starts[0] = 0;
	s->nlines = 1;
	for (p = s->text; (p = next_line(p, end, cr)) != NULL;)
		s->line_starts[s->nlines++] = (uint32_t)(p - s->text);
}

static struct source *make_source(struct arena *a, const char *path,
				  char *text, size_t len)
{
	struct source *s = arena_alloc(a, sizeof *s);
	s->path = arena_strdup(a, path);
	s->text = text;
	s->len = len;
	s->cursor = arena_alloc(a, sizeof *s->cursor);
	*s->cursor = (struct source_cursor){ 0, 1 };
	build_lines(a, s);
	return s;
}

struct source *source_from_text(struct arena *a, const char *path,
				const char *text, size_t len)
{
	if (len > SOURCE_MAX)
		len = SOURCE_MAX;
	return make_source(a, path, arena_strndup(a, text, len), len);
}

/* Reads up to cap bytes; returns the count, or -1 with errno set. */
static long long read_full(int fd, char *buf, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		ssize_t r = read(fd, buf + got, cap - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (long long)got;
}

/* Streams (stdin, pipes, /proc files, /dev/zero): a malloc'd buffer that
 * doubles up to one byte past the limit, copied into the arena at the end. */
static struct source *read_stream(struct arena *a, const char *path, int fd,
				  const char **err)
{
	size_t len = 0, cap = 64 * 1024;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf) {
			*err = strerror(ENOMEM);
			return NULL;
		}
		long long r = read_full(fd, buf + len, cap - len);
		if (r < 0) {
			*err = strerror(errno);
			free(buf);
			return NULL;
		}
		len += (size_t)r;
		if (len > SOURCE_LIMIT) {
			*err = SOURCE_LIMIT_TEXT;
			free(buf);
			return NULL;
		}
		if (len < cap)
			break;
		size_t next = cap * 2 > SOURCE_LIMIT + 1 ? SOURCE_LIMIT + 1 : cap * 2;
		char *nb = realloc(buf, next);
		if (!nb)
			free(buf);
		buf = nb;
		cap = next;
	}
	struct source *s = source_from_text(a, path, buf, len);
	free(buf);
	return s;
}

/* Regular files: one allocation of the stat size, then a read loop. */
static struct source *read_regular(struct arena *a, const char *path, int fd,
				   size_t size, const char **err)
{
	if (size > SOURCE_LIMIT) {
		*err = SOURCE_LIMIT_TEXT;
		return NULL;
	}
	char *text = arena_alloc(a, size + 1);
	long long r = read_full(fd, text, size);
	if (r < 0) {
		*err = strerror(errno);
		return NULL;
	}
	text[r] = '\0';
	return make_source(a, path, text, (size_t)r);
}

/* What fstat says of an open file. */
static bool identify(struct source_file *f, const char **err)
{
	struct stat st;
	if (fstat(f->fd, &st) != 0) {
		*err = strerror(errno);
		return false;
	}
	f->dev = (unsigned long long)st.st_dev;
	f->ino = (unsigned long long)st.st_ino;
	f->is_dir = S_ISDIR(st.st_mode);
	f->size = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size : 0;
	return true;
}

static struct source *read_identified(struct arena *a, const char *path,
				      const struct source_file *f, const char **err)
{
	if (f->is_dir) {
		*err = "is a directory";
		return NULL;
	}
	/* Some regular files (in /proc) report size 0 but have content. */
	if (f->size > 0)
		return read_regular(a, path, f->fd, f->size, err);
	return read_stream(a, path, f->fd, err);
}

bool source_open(const char *path, struct source_file *f, const char **err)
{
	*f = (struct source_file){ .fd = -1 };
	do
		f->fd = open(path, O_RDONLY);
	while (f->fd < 0 && errno == EINTR);
	if (f->fd < 0) {
		f->missing = errno == ENOENT || errno == ENOTDIR;
		*err = strerror(errno);
		return false;
	}
	if (!identify(f, err)) {
		source_close(f);
		return false;
	}
	return true;
}

struct source *source_read_open(struct arena *a, const char *path, struct source_file *f,
				const char **err)
{
	struct source *s = read_identified(a, path, f, err);
	source_close(f);
	return s;
}

void source_close(struct source_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	f->fd = -1;
}

struct source *source_read(struct arena *a, const char *path, const char **err)
{
	if (strcmp(path, "-") == 0) {
		/* "<stdin>": the name findings show. */
		struct source_file in = { .fd = STDIN_FILENO };
		return identify(&in, err) ? read_identified(a, "<stdin>", &in, err) : NULL;
	}
	struct source_file f;
	return source_open(path, &f, err) ? source_read_open(a, path, &f, err) : NULL;
}

/* Index of the last line starting at or before offset. */
static size_t line_index(const struct source *src, uint32_t offset)
{
	size_t lo = 0, hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

struct linecol source_linecol(const struct source *src, uint32_t offset)
{
	if (offset > src->len)
		offset = (uint32_t)src->len;
	size_t i = line_index(src, offset);
	uint32_t p = src->line_starts[i], col = 1;
	struct source_cursor *at = src->cursor;
	if (at && at->offset >= p && at->offset <= offset) {
		p = at->offset;
		col = at->column;
	}
	for (; p < offset; p++)
		if (!is_cont((unsigned char)src->text[p]))
			col++;
	if (at)
		*at = (struct source_cursor){ offset, col };
	return (struct linecol){ (uint32_t)i + 1, col };
}

/* Byte offset just past the last character of 0-based line i (before its
 * line break). */
static size_t line_end(const struct source *src, size_t i)
{
	if (i + 1 >= src->nlines)
		return src->len;
	size_t end = src->line_starts[i + 1];
	if (end > src->line_starts[i] && src->text[end - 1] == '\n')
		end--;
	if (end > src->line_starts[i] && src->text[end - 1] == '\r')
		end--;
	return end;
}

uint32_t source_offset(const struct source *src, size_t line, size_t column)
{
	if (line >= src->nlines)
		return (uint32_t)src->len;
	size_t p = src->line_starts[line], end = line_end(src, line);
	while (column > 0 && p < end) {
		p++;
		while (p < end && is_cont((unsigned char)src->text[p]))
			p++;
		column--;
	}
	return (uint32_t)p;
}

const char *source_line(const struct source *src, uint32_t line, size_t *len)
{
	if (line == 0 || line > src->nlines) {
		*len = 0;
		return NULL;
	}
	size_t start = src->line_starts[line - 1];
	*len = line_end(src, line - 1) - start;
	return src->text + start;
}

struct span span_make(const struct source *src, size_t offset, size_t length)
{
	if (src) {
		if (offset > src->len)
			offset = src->len;
		if (length > src->len - offset)
			length = src->len - offset;
	}
	return (struct span){ src, (uint32_t)offset, (uint32_t)length };
}

struct span span_join(struct span a, struct span b)
{
	if (!a.src)
		return b;
	if (a.src != b.src)
		return a;
	uint32_t start = a.offset < b.offset ? a.offset : b.offset;
	uint32_t ea = a.offset + a.length, eb = b.offset + b.length;
	uint32_t end = ea > eb ? ea : eb;
	return (struct span){ a.src, start, end - start };
}

uint64_t span_place(struct span s)
{
	return (uint64_t)(s.src ? s.src->order : 0) << 32 | s.offset;
}

/* Where the comment of a line starts, or NULL: a `#` outside quotes at the
 * start or after a blank or `;`. */
const char *source_comment_start(const char *s, const char *end)
{
	if (!memchr(s, '#', (size_t)(end - s)))
		return NULL;   /* most lines: no comment, no need to follow quotes */
	char quote = 0;
	for (const char *c = s; c < end; c++) {
		char prev = c > s ? c[-1] : ' ';
		if (quote == '"' && *c == '\\' && c + 1 < end) {
			c++;
		} else if (quote) {
			if (*c == quote && quote == '\'' && c + 1 < end && c[1] == '\'')
				c++;
			else if (*c == quote)
				quote = 0;
		} else if ((*c == '"' || *c == '\'') && strchr(" \t[{,:;", prev)) {
			quote = *c;
		} else if (*c == '#' && strchr(" \t;", prev)) {
			return c;
		}
	}
	return NULL;
}
