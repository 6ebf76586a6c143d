package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
)

// sourceHelp documents the SOURCE forms; it is part of fetch's and run's
// --help.
const sourceHelp = `SOURCE forms:
  bilibili:BV1xx411c7mD        every page of a video (bvid), resolved through x/player/pagelist
  bilibili:av170001            the same by aid; add #p=N for one page: bilibili:BV1xx411c7mD#p=2
  bilibili:cid=62131           one page by its cid (optionally cid=62131,aid=2)
  justoneapi:aid=2,cid=62131   one page through Just One API (needs a token)
  polyv:vid=VID                one Polyv VOD video (needs the account's userid and secret key)
  polyv:                       every video of the Polyv account
  FILE or DIRECTORY            danmaku XML files, as before
  @LIST                        a file of SOURCEs, one per line ('#' starts a comment; paths are
                               relative to the list); a plain text file whose first entry is a
                               service SOURCE is read as a list too`

// spec is a parsed network SOURCE.
type spec struct {
	raw     string // as given
	service string // "bilibili", "justoneapi" or "polyv"
	aid     int64
	bvid    string
	cid     int64
	page    int    // bilibili #p=N, 0 for all pages
	vid     string // polyv; empty for the whole account
}

// services are the SOURCE prefixes.
var services = []string{bilibili.Service, "justoneapi", "polyv"}

// isSpec reports whether s names a network source.
func isSpec(s string) bool {
	for _, svc := range services {
		if len(s) > len(svc) && strings.EqualFold(s[:len(svc)+1], svc+":") {
			return true
		}
	}
	return false
}

// parseSpec parses a network SOURCE.
func parseSpec(s string) (spec, error) {
	sp := spec{raw: s}
	i := strings.IndexByte(s, ':')
	sp.service = strings.ToLower(s[:i])
	rest := strings.TrimSpace(s[i+1:])
	bad := func(format string, args ...any) (spec, error) {
		return spec{}, fmt.Errorf("SOURCE %q: %s", s, fmt.Sprintf(format, args...))
	}
	switch sp.service {
	case "bilibili":
		if j := strings.Index(rest, "#"); j >= 0 {
			frag := rest[j+1:]
			rest = rest[:j]
			p, err := strconv.Atoi(strings.TrimPrefix(frag, "p="))
			if !strings.HasPrefix(frag, "p=") || err != nil || p < 1 {
				return bad("want #p=N with N ≥ 1 after the video id")
			}
			sp.page = p
		}
		switch {
		case len(rest) > 2 && strings.EqualFold(rest[:2], "BV"):
			aid, err := bilibili.BVToAV(rest)
			if err != nil {
				return bad("%v", err)
			}
			sp.bvid, sp.aid = bilibili.NormalizeBV(rest), aid
		case len(rest) > 2 && strings.EqualFold(rest[:2], "av"):
			aid, err := strconv.ParseInt(rest[2:], 10, 64)
			if err != nil || aid <= 0 {
				return bad("av must be followed by a positive number")
			}
			sp.aid = aid
		default:
			kv, err := keyValues(rest, "cid", "aid")
			if err != nil {
				return bad("%v", err)
			}
			if kv["cid"] == 0 {
				return bad("want BV…, av… or cid=N")
			}
			if sp.page > 0 {
				return bad("#p=N selects a page of a BV or av id; a cid is one page already")
			}
			sp.cid, sp.aid = kv["cid"], kv["aid"]
		}
	case "justoneapi":
		kv, err := keyValues(rest, "aid", "cid")
		if err != nil {
			return bad("%v", err)
		}
		if kv["aid"] == 0 || kv["cid"] == 0 {
			return bad("want aid=N,cid=N (both)")
		}
		sp.aid, sp.cid = kv["aid"], kv["cid"]
	case "polyv":
		switch {
		case rest == "":
		case strings.HasPrefix(rest, "vid=") && len(rest) > 4 && !strings.ContainsAny(rest[4:], " ,/?#&"):
			sp.vid = rest[4:]
		default:
			return bad("want polyv:vid=VID, or polyv: for the whole account")
		}
	}
	return sp, nil
}

// keyValues parses "k=N,k=N" with positive integers and only the allowed
// keys.
func keyValues(s string, allowed ...string) (map[string]int64, error) {
	out := map[string]int64{}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.ParseInt(v, 10, 64)
		known := false
		for _, a := range allowed {
			known = known || a == k
		}
		if !ok || !known || err != nil || n <= 0 {
			return nil, fmt.Errorf("%q is not one of %s=N with a positive N", part, strings.Join(allowed, "=N, "))
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s given twice", k)
		}
		out[k] = n
	}
	return out, nil
}

// inputs are the command line's inputs sorted into files and network
// sources, each kept in the order given.
type inputs struct {
	paths []string
	specs []spec
}

// classifyInputs sorts args into paths and specs, reading list files.
func classifyInputs(args []string) (inputs, error) {
	var in inputs
	for _, a := range args {
		if err := in.add(a, "", 0); err != nil {
			return inputs{}, err
		}
	}
	return in, nil
}

// add sorts one argument; from and line name the list it came from.
func (in *inputs) add(a, from string, line int) error {
	where := func(err error) error {
		if from != "" {
			return fmt.Errorf("%s:%d: %w", from, line, err)
		}
		return err
	}
	switch {
	case strings.HasPrefix(a, "@"):
		return in.readList(a[1:], from)
	case isSpec(a):
		sp, err := parseSpec(a)
		if err != nil {
			return where(err)
		}
		in.specs = append(in.specs, sp)
	default:
		if from != "" && !filepath.IsAbs(a) {
			a = filepath.Join(filepath.Dir(from), a)
		}
		if isList(a) {
			return in.readList(a, from)
		}
		in.paths = append(in.paths, a)
	}
	return nil
}

// readList reads a file of SOURCEs.
func (in *inputs) readList(path, from string) error {
	if from != "" {
		return fmt.Errorf("%s: a list may not name another list (%s)", from, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("source list: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := in.add(line, path, n); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("source list %s: %w", path, err)
	}
	return nil
}

// isList reports whether path is a plain text file whose first entry is a
// network SOURCE (danmaku XML starts with '<' or is compressed).
func isList(path string) bool {
	st, err := os.Stat(path)
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		return isSpec(line)
	}
	return false
}
