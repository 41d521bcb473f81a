check examples/policies/pods.writ
