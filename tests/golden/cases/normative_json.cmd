eval -p examples/policies/pods.writ examples/manifests/web-deployment.yaml --format json
