eval -p examples/policies/pods.writ --param nope=1 examples/manifests/web-deployment.yaml
