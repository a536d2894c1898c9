#!/usr/bin/env python3
"""Writes the providers' documented examples into tests/provider_examples/,
one JSON file each, from local copies of their public API descriptions:

  extract.py INFOBIP_VOICE_OPENAPI_JSON SONETEL_VOICEAPPS_YAML

INFOBIP_VOICE_OPENAPI_JSON: openapi/infobip-voice-openapi.json of
api-evangelist/infobip (a mirror of Infobip's Voice OpenAPI);
SONETEL_VOICEAPPS_YAML: reference/Voiceapps.yaml of Sonetel/sonetel-api-docs.
SOURCES.md names the commits the committed files came from. Run by hand when
the sources change (tests never fetch anything); the test is
tests/provider_examples.py.
"""
import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def slug(text):
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def write(kind, name, value):
    d = os.path.join(HERE, kind)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + ".json"), "w") as f:
        json.dump(value, f, indent=2)
        f.write("\n")


def infobip(path):
    api = json.load(open(path))
    ops = api["paths"]["/voice/ivr/1/scenarios"]
    examples = ops["post"]["requestBody"]["content"]["application/json"]["examples"]
    for key, ex in examples.items():
        write("infobip", "post_" + slug(key), ex["value"])
    one = api["paths"]["/voice/ivr/1/scenarios/{id}"]
    # The answers that hold scenarios: list, create, get, update.
    for op, method, label in ((ops, "get", "get_list"), (ops, "post", "post_answer"),
                              (one, "get", "get_one"), (one, "put", "put_answer")):
        content = op[method]["responses"]["200"]["content"]["application/json"]
        for ex in content["examples"].values():
            write("infobip", label, ex["value"])


def sonetel(path):
    api = yaml.safe_load(open(path))
    for i, body in enumerate(api["components"]["schemas"]["Voiceapp"]["examples"]):
        write("sonetel", "body_%d_%s" % (i + 1, slug(body.get("name", "app"))), body)
    responses = api["components"]["responses"]
    for key, label in (("Voiceapp-response", "get_one"), ("List-voiceapps", "get_list")):
        for ex in responses[key]["content"]["application/json"]["examples"].values():
            write("sonetel", label, ex["value"])


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    infobip(sys.argv[1])
    sonetel(sys.argv[2])


if __name__ == "__main__":
    main()
