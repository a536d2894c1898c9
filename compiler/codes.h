/* Stable diagnostic codes (docs/DIAGNOSTICS.md explains each). A code, once
 * published, keeps its meaning; retired codes are not reused. */
#ifndef IVRC_CODES_H
#define IVRC_CODES_H

enum {
	/* IVR1xx: syntax and shape of the file */
	IVR_SYNTAX = 101,          /* not valid YAML */
	IVR_NODE_KIND = 102,       /* mapping / sequence / scalar where another is expected */
	IVR_UNKNOWN_KEY = 103,
	IVR_DUPLICATE_KEY = 104,
	IVR_MISSING_KEY = 105,
	IVR_BAD_DURATION = 106,
	IVR_BAD_DESTINATION = 107,
	IVR_BAD_PHONE = 108,
	IVR_BAD_DATETIME = 109,
	IVR_BAD_KEY = 110,         /* DTMF key */
	IVR_BAD_TEMPLATE = 111,
	IVR_BAD_VALUE = 112,       /* integer, name, string, boolean */
	IVR_UNDEFINED_ALIAS = 113,
	IVR_ALIAS_LIMIT = 114,
	IVR_TOO_DEEP = 115,
	IVR_EMPTY_FILE = 116,
	IVR_MULTI_DOCUMENT = 117,
	IVR_VERSION = 118,
	IVR_OUT_OF_RANGE = 119,    /* a value outside the language's range */
	IVR_TAG = 120,             /* YAML tags other than !!str */
	IVR_DSL_CHARACTER = 121,   /* a character the DSL does not use there */
	IVR_DSL_UNTERMINATED = 122,
	IVR_DSL_ESCAPE = 123,
	IVR_DSL_UTF8 = 124,
	IVR_DSL_TOO_LONG = 125,
	IVR_DSL_SYNTAX = 126,      /* expected X, got Y */
	IVR_DSL_UNCLOSED = 127,    /* '{' or '[' never closed */
	IVR_BAD_EXPRESSION = 128,  /* a condition that is not an expression Infobip evaluates */
	IVR_UNSET_VARIABLE = 129,  /* a variable nothing sets; a parameter listed twice */

	/* IVR13x: ivrc import (provider JSON back to the language) */
	IVR_IMPORT_JSON = 130,     /* not valid JSON */
	IVR_IMPORT_SHAPE = 131,    /* JSON, but not an object of the provider ivrc imports */
	IVR_IMPORT_LOST = 132,     /* warning: what the language cannot express, kept in a comment */
	IVR_IMPORT_DANGLING = 133, /* warning: a reference to an object the files do not hold */
	IVR_IMPORT_RENAMED = 134,  /* note: a remote name that is not PROJECT-NAME */
	IVR_IMPORT_DEPTH = 135,    /* the file would nest deeper than the loaders read */

	/* IVR14x: programs of several files */
	IVR_INCLUDE = 140,         /* a file to include is missing, included twice, or in a cycle */
	IVR_INCLUDED_HEADER = 141, /* an included file holds name, targets, entry or parameters */
	IVR_ENV_KEY = 142,         /* an environment holds what no environment overlays */
	IVR_ENV_UNDECLARED = 143,  /* an environment overlays what the program does not declare */

	/* IVR2xx: names, references, types */
	IVR_UNKNOWN_REF = 201,
	IVR_DUPLICATE_NAME = 202,
	IVR_WRONG_KIND = 203,      /* a reference to the wrong kind of object */
	IVR_UNKNOWN_RECORDING = 204,
	IVR_BAD_ENTRY = 205,
	IVR_UNKNOWN_SETTING = 207,
	IVR_BAD_SETTING = 208,
	IVR_UNDECLARED_TARGET = 209,
	IVR_REPEAT_OUTSIDE_MENU = 210,
	IVR_UNKNOWN_LABEL = 211,
	IVR_DUPLICATE_LABEL = 212,
	IVR_STEP_NOT_LAST = 213,
	IVR_DUPLICATE_OPTION = 214,
	IVR_UNKNOWN_TIMEZONE = 215,

	/* IVR4xx: what a target cannot express, and the providers' limits */
	IVR_TARGET_DEST = 401,     /* the target cannot route there */
	IVR_TARGET_DEST_UNCERTAIN = 402,
	IVR_TARGET_OBJECT = 403,   /* a route into an object the target does not build */
	IVR_TARGET_RECORDING = 404,
	IVR_TARGET_ENDPOINT = 405, /* an endpoint without a literal for the target */
	IVR_TARGET_KEY = 406,
	IVR_TARGET_KEY_UNCERTAIN = 407,
	IVR_RING_TIMEOUT = 410,
	IVR_BROADCAST_RETRIES = 411,
	IVR_RETRY_AFTER = 412,
	IVR_WINDOW = 413,
	IVR_DIAL_STATUS = 414,
	IVR_TARGET_NO_INVALID = 420,   /* the target's menus have no invalid-key handler */
	IVR_TARGET_IGNORED = 421,      /* a menu setting the target cannot express, unused */
	IVR_TARGET_PROMPT_TEXT = 422,  /* note: the text to record for an app's own prompt */
	IVR_TARGET_PROMPT_ID = 423,    /* a provider prompt id the body cannot name there */
	IVR_SCENARIO_SIZE = 430,       /* an Infobip scenario over 10 000 actions (inlining) */
	IVR_SCENARIO_DEPTH = 431,      /* an Infobip scenario nesting blocks over 200 deep */
	IVR_TARGET_RANGE = 432,        /* a value outside the range the target's action takes */
	IVR_JUMP_TARGET = 433,         /* goTo to a step the target gives no actionId */
	IVR_DEPRECATED_ACTION = 434,   /* warning: lowers to an action the provider deprecates */
	IVR_TARGET_REQUIRED = 435,     /* the provider requires what the file leaves empty */
	IVR_TARGET_AS_TEXT = 436,      /* warning: digits JSON has no number for, sent as text */
	IVR_TARGET_PANEL = 437,        /* note: what to set in the provider's panel (a schedule) */
	IVR_TARGET_NO_YEAR = 438,      /* warning: a dated holiday the target's time groups cannot hold */
	IVR_NOT_BUILT = 499,       /* a construct this version of ivrc cannot lower yet */

	/* IVR3xx, IVR440-IVR469 and IVR5xx are lint's rules: lint/registry.c
	 * lists them (IVR500: an unknown code in a suppression comment or the
	 * configuration). */
};

#endif
