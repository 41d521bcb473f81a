check tests/golden/inputs/bad_policy.writ
