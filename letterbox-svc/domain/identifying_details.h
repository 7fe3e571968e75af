#pragma once
// Flagging identifying details in an exchange (docs/letterbox.md, "Flagging"): every
// candidate span of a letter that could let the other side identify or locate a
// family — surnames and people's names, addresses and postcodes, towns, schools,
// workplaces, clubs, phone numbers, emails, handles, web addresses, vehicle
// registrations, dates of birth, and photos described as showing a uniform, a street
// sign or a house. Recall comes first: a missed detail can put a child at risk, a
// false flag costs the coordinator a click. The signals, strongest first: the
// agency's own record of the families; patterns with a fixed shape (postcodes,
// phone numbers, emails); the lexicon (UK places, people's names, English words);
// and the words around a capitalised name ("lives in", "works at", "Mrs").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/string_view.h"

namespace letterbox {

// Names match the contract's IdentifyingDetailKind (without its prefix), in order.
enum class DetailKind {
  kSurname,
  kAddress,
  kPostcode,
  kSchool,
  kTown,
  kPhone,
  kEmail,
  kSocialMedia,
  kPhoto,
  kPersonName,
  kWorkplace,
  kClub,
  kUrl,
  kVehiclePlate,
  kDateOfBirth,
};
std::string DetailKindName(DetailKind kind);  // "SURNAME", ..., "DATE_OF_BIRTH"
std::optional<DetailKind> ParseDetailKind(const std::string& name);

// A span of an item's text: offsets in Unicode code points from 0, end exclusive.
struct Span {
  DetailKind kind = DetailKind::kSurname;
  int start = 0;
  int end = 0;
  std::string text;    // the span as found
  std::string reason;  // why it was flagged; empty for a coordinator's redaction
  friend bool operator==(const Span&, const Span&) = default;
};

// One thing the agency's records hold about a family on the arrangement: a surname,
// an address, the child's school, a parent's workplace, a relative's full name ...
struct KnownDetail {
  DetailKind kind = DetailKind::kSurname;
  std::string text;
};

// The words the flagging knows, lower case. Built once from the compiled-in lists
// (letterbox-svc/lexicon/build_lexicon.py says where each comes from).
class Lexicon {
 public:
  static const Lexicon& Embedded();
  // From lists of one entry a line (tests; '#' starts a comment line).
  static Lexicon FromLists(std::string_view places, std::string_view names, std::string_view given_names,
                           std::string_view words, std::string_view propers, std::string_view postcode_areas);

  bool IsPlace(absl::string_view lower) const { return places_.contains(lower); }
  bool IsName(absl::string_view lower) const { return names_.contains(lower); }
  bool IsGivenName(absl::string_view lower) const { return given_.contains(lower); }
  bool IsWord(absl::string_view lower) const { return words_.contains(lower); }
  bool IsProperNoun(absl::string_view lower) const { return propers_.contains(lower); }
  bool IsPostcodeArea(absl::string_view upper) const { return postcode_areas_.contains(upper); }
  int LongestPlaceWords() const { return longest_place_words_; }

 private:
  absl::flat_hash_set<std::string> places_, names_, given_, words_, propers_, postcode_areas_;
  int longest_place_words_ = 1;
};

// The candidate identifying details of `text` (well-formed UTF-8), in order of
// their start, none overlapping another but for a photo's description, which may
// hold others. `known` is what the agency's records say about the families (the
// strongest signal: matched whatever the case, and in part: a record's "St Mary's
// C of E Primary School" finds "St Mary's"); `allowed` are names the other side
// already knows (the child's first name, "Mum", a birth mother's first name), never
// flagged on their own.
std::vector<Span> FlagIdentifyingDetails(std::string_view text, const std::vector<KnownDetail>& known,
                                         const std::vector<std::string>& allowed, const Lexicon& lexicon);

}  // namespace letterbox
