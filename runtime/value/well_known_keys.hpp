// Field names the engine itself looks up (matching, autogen, the k8s
// natives, input classification). Every KeyTable interns them first, in this
// order, so their ids are compile-time constants: no hashing on the hot path.
#pragma once

#include "runtime/value/types.hpp"

namespace writ::keys {

#define WRIT_WELL_KNOWN_KEYS(K)                                                                     \
  K(kApiVersion, "apiVersion") K(kKind, "kind") K(kMetadata, "metadata") K(kName, "name")          \
  K(kNamespace, "namespace") K(kLabels, "labels") K(kAnnotations, "annotations") K(kSpec, "spec")   \
  K(kTemplate, "template") K(kJobTemplate, "jobTemplate") K(kContainers, "containers")              \
  K(kInitContainers, "initContainers") K(kEphemeralContainers, "ephemeralContainers")               \
  K(kItems, "items") K(kRequest, "request") K(kObject, "object") K(kOldObject, "oldObject")         \
  K(kOperation, "operation") K(kGroup, "group") K(kVersion, "version") K(kResource, "resource")     \
  K(kUserInfo, "userInfo") K(kUsername, "username") K(kGroups, "groups") K(kStatus, "status")       \
  K(kRegistry, "registry") K(kRepository, "repository") K(kTag, "tag") K(kDigest, "digest")        \
  K(kSecurityContext, "securityContext")

enum : KeyId {
  kFirstWellKnown = 0,  // kNoKey
#define WRIT_KEY_ENUM(id, name) id,
  WRIT_WELL_KNOWN_KEYS(WRIT_KEY_ENUM)
#undef WRIT_KEY_ENUM
      kEndWellKnown
};

inline const char* const kWellKnownNames[] = {
#define WRIT_KEY_NAME(id, name) name,
    WRIT_WELL_KNOWN_KEYS(WRIT_KEY_NAME)
#undef WRIT_KEY_NAME
};

}  // namespace writ::keys
