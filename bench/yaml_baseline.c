/* The floor for `make bench`: read a YAML file with libyaml and nothing else.
 * Like ivrc, it reads the whole file into memory first and hands libyaml the
 * string, then pulls every event (default) or builds libyaml's own document
 * tree (--document, the peer to compare memory with). Prints the number of
 * events or nodes so that the work cannot be skipped; exits 1 on a YAML
 * error, 2 on an I/O error.
 *
 *   yaml_baseline [--document] FILE */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		unsigned char *nb = realloc(buf, cap * 2);
		if (!nb)
			free(buf);
		buf = nb;
		cap *= 2;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int events(yaml_parser_t *p, unsigned long *count)
{
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(p, &e))
			return 1;
		int done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		++*count;
		if (done)
			return 0;
	}
}

static int document(yaml_parser_t *p, unsigned long *count)
{
	for (;;) {
		yaml_document_t d;
		if (!yaml_parser_load(p, &d))
			return 1;
		yaml_node_t *root = yaml_document_get_root_node(&d);
		if (root)
			*count += (unsigned long)(d.nodes.top - d.nodes.start);
		yaml_document_delete(&d);
		if (!root)
			return 0;
	}
}

int main(int argc, char **argv)
{
	int as_document = argc == 3 && strcmp(argv[1], "--document") == 0;
	if (argc != 2 + as_document) {
		fputs("usage: yaml_baseline [--document] FILE\n", stderr);
		return 2;
	}
	size_t len = 0;
	unsigned char *text = read_file(argv[1 + as_document], &len);
	if (!text) {
		perror(argv[1 + as_document]);
		return 2;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return 2;
	yaml_parser_set_input_string(&p, text, len);
	unsigned long count = 0;
	int status = as_document ? document(&p, &count) : events(&p, &count);
	if (status)
		fprintf(stderr, "yaml_baseline: %s at line %zu\n", p.problem ? p.problem : "error",
			p.problem_mark.line + 1);
	yaml_parser_delete(&p);
	free(text);
	printf("%lu %s\n", count, as_document ? "nodes" : "events");
	return status;
}
