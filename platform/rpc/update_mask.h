#pragma once
// The fields an Update may change (AIP-134), declared once per resource as a table:
// each update_mask path with how it is taken from the request's version of the
// record into the stored one. The table gives MaskPaths (resource.h) its allowed
// paths and applies a mask; the domain's Revise… then judges the result whole.
//
//   const platform::UpdatableFields<ChildDetails>& Updatable() {
//     static const platform::UpdatableFields<ChildDetails> fields({
//         {"given_name", &ChildDetails::given_name},           // a member, copied
//         {"requester", [](Details& into, const Details& given) { ... }},  // or a function
//     });
//     return fields;
//   }
//   std::set<std::string> paths = platform::MaskPaths(request->update_mask(), Updatable().paths(), v);
//   ChildDetails revised = Updatable().Apply(paths, given, stored.details);
#include <functional>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>

namespace platform {

template <typename T>
class UpdatableFields {
 public:
  // Copies one field (or a group of them) from `given` into `into`.
  using Take = std::function<void(T& into, const T& given)>;

  struct Field {
    // A member copied as it is.
    template <typename Member>
    Field(std::string path, Member T::*member)
        : path(std::move(path)), take([member](T& into, const T& given) { into.*member = given.*member; }) {}
    Field(std::string path, Take take) : path(std::move(path)), take(std::move(take)) {}
    std::string path;
    Take take;
  };

  UpdatableFields(std::initializer_list<Field> fields) {
    for (const Field& f : fields) {
      fields_.emplace(f.path, f.take);
      paths_.insert(f.path);
    }
  }

  // The paths an update_mask may name.
  const std::set<std::string>& paths() const { return paths_; }

  // `stored` with the fields of the masked `paths` (from MaskPaths over paths(), so
  // each is in the table) taken from `given`; every other field as stored.
  T Apply(const std::set<std::string>& masked, const T& given, T stored) const {
    for (const std::string& path : masked) fields_.at(path)(stored, given);
    return stored;
  }

 private:
  std::map<std::string, Take> fields_;
  std::set<std::string> paths_;
};

}  // namespace platform
