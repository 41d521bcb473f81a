eval -p examples/policies/pods.writ tests/golden/inputs/does-not-exist.yaml
