check tests/golden/inputs/type_errors.writ
