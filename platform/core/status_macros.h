#pragma once
// Early-return helpers for absl::Status / absl::StatusOr (Abseil keeps its own private).
#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define PLATFORM_CONCAT_INNER_(a, b) a##b
#define PLATFORM_CONCAT_(a, b) PLATFORM_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                  \
  do {                                         \
    ::absl::Status _st = (expr);               \
    if (!_st.ok()) return _st;                 \
  } while (0)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(PLATFORM_CONCAT_(_status_or_, __LINE__), lhs, expr)
#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()
