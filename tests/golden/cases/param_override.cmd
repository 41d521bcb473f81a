eval -p examples/policies/pods.writ --param allowed_caps=[NET_ADMIN,SYS_TIME] examples/manifests/web-deployment.yaml
