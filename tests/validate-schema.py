#!/usr/bin/env python3
# Validates .diplomap files against data/diplomap.schema.json.
# Usage: validate-schema.py SCHEMA FILE... ; a file named *invalid* must fail.
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
status = 0
for path in sys.argv[2:]:
    errors = list(validator.iter_errors(json.load(open(path, encoding="utf-8"))))
    expect_invalid = "invalid" in path
    if bool(errors) != expect_invalid:
        status = 1
        print(f"not ok {path}: {'expected errors' if expect_invalid else errors[0].message}")
    else:
        print(f"ok {path}")
sys.exit(status)
