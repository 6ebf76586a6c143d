package report

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Limits of the walk through the standard font directories.
const (
	fontWalkMaxDepth   = 5     // directory levels below each root
	fontWalkMaxEntries = 20000 // entries visited per root
	fontWalkMaxFiles   = 16    // matching files returned in all
)

// systemFontCandidates lists the font files worth trying, best first: the
// well-known locations of Chinese fonts on Linux, macOS and Windows that
// exist, then matching files found by a bounded walk of the standard font
// directories. Home and Windows directories come from getenv.
func systemFontCandidates(getenv func(string) string) []string {
	seen := make(map[string]bool)
	var out []string
	add := func(p string) {
		if p == "" || seen[p] {
			return
		}
		seen[p] = true
		out = append(out, p)
	}
	for _, p := range knownFontPaths(getenv) {
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			add(p)
		}
	}
	for _, p := range walkFontDirs(fontDirs(getenv)) {
		add(p)
	}
	return out
}

// knownFontPaths are the usual files of Chinese-capable fonts, in order of
// preference.
func knownFontPaths(getenv func(string) string) []string {
	paths := []string{
		// Linux: Debian/Ubuntu, Arch, Fedora.
		"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc",
		"/usr/share/fonts/google-noto-sans-cjk-vf-fonts/NotoSansCJK-VF.ttc",
		"/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
		"/usr/share/fonts/adobe-source-han-sans/SourceHanSans-Regular.ttc",
		"/usr/share/fonts/adobe-source-han-sans/SourceHanSansCN-Regular.otf",
		"/usr/share/fonts/opentype/source-han-sans/SourceHanSans-Regular.ttc",
		// macOS.
		"/System/Library/Fonts/PingFang.ttc",
		"/System/Library/Fonts/Hiragino Sans GB.ttc",
		"/System/Library/Fonts/STHeiti Medium.ttc",
		"/System/Library/Fonts/STHeiti Light.ttc",
		"/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
		"/Library/Fonts/Arial Unicode.ttf",
		// Linux fallbacks.
		"/usr/share/fonts/truetype/arphic/uming.ttc",
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	}
	windir := getenv("WINDIR")
	if windir == "" {
		windir = getenv("SystemRoot")
	}
	if windir != "" {
		for _, name := range []string{"msyh.ttc", "msyh.ttf", "Deng.ttf", "simhei.ttf", "simsun.ttc", "arialuni.ttf"} {
			paths = append(paths, filepath.Join(windir, "Fonts", name))
		}
	}
	return paths
}

// fontDirs are the standard font directories of Linux, macOS and Windows.
func fontDirs(getenv func(string) string) []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts"}
	if home := getenv("HOME"); home != "" {
		dirs = append(dirs,
			filepath.Join(home, ".local", "share", "fonts"),
			filepath.Join(home, ".fonts"),
			filepath.Join(home, "Library", "Fonts"))
	}
	if windir := getenv("WINDIR"); windir != "" {
		dirs = append(dirs, filepath.Join(windir, "Fonts"))
	}
	if local := getenv("LOCALAPPDATA"); local != "" {
		dirs = append(dirs, filepath.Join(local, "Microsoft", "Windows", "Fonts"))
	}
	return dirs
}

// walkFontDirs walks each root (to a bounded depth and entry count) and
// returns the font files whose names look like Chinese-capable fonts,
// best first, at most fontWalkMaxFiles of them. Unreadable directories
// are skipped.
func walkFontDirs(roots []string) []string {
	type hit struct {
		path string
		rank int
	}
	var hits []hit
	for _, root := range roots {
		visited := 0
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			visited++
			if visited > fontWalkMaxEntries {
				return fs.SkipAll
			}
			if d.IsDir() {
				if rel, err := filepath.Rel(root, p); err == nil && rel != "." &&
					strings.Count(rel, string(filepath.Separator))+1 > fontWalkMaxDepth {
					return fs.SkipDir
				}
				return nil
			}
			if rank, ok := fontFileRank(d.Name()); ok && isRegularFile(p, d) {
				hits = append(hits, hit{p, rank})
			}
			return nil
		})
	}
	sort.SliceStable(hits, func(i, j int) bool {
		if hits[i].rank != hits[j].rank {
			return hits[i].rank < hits[j].rank
		}
		return hits[i].path < hits[j].path
	})
	var out []string
	for _, h := range hits {
		if len(out) == fontWalkMaxFiles {
			break
		}
		out = append(out, h.path)
	}
	return out
}

// fontFileRank tells whether a file name looks like a Chinese-capable
// font and how good a candidate it is (lower is better): sans families
// first, serif and older families next, wide-coverage fallbacks last;
// non-regular weights after regular ones.
func fontFileRank(name string) (int, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".ttf" && ext != ".otf" && ext != ".ttc" && ext != ".otc" {
		return 0, false
	}
	key := strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name))))
	tiers := [][]string{
		{"notosanscjk", "notosanssc", "sourcehansans", "pingfang", "hiraginosansgb", "msyh", "microsoftyahei"},
		{"notoserifcjk", "notoserifsc", "sourcehanserif", "simhei", "stheiti", "dengxian"},
		{"arialuni", "arialunicode", "droidsansfallback", "wqy", "uming", "ukai", "simsun", "sarasa", "lxgw"},
	}
	for rank, pats := range tiers {
		for _, pat := range pats {
			if strings.Contains(key, pat) {
				if isHeavyOrLight(key) {
					rank += len(tiers)
				}
				return rank, true
			}
		}
	}
	return 0, false
}

// isHeavyOrLight reports whether a normalised font file name names a
// weight other than regular.
func isHeavyOrLight(key string) bool {
	for _, w := range []string{"bold", "black", "heavy", "light", "thin", "medium", "semibold", "demi"} {
		if strings.Contains(key, w) {
			return true
		}
	}
	return false
}

// isRegularFile reports whether a walked entry is a regular file or a
// symbolic link to one.
func isRegularFile(path string, d fs.DirEntry) bool {
	if d.Type().IsRegular() {
		return true
	}
	if d.Type()&fs.ModeSymlink == 0 {
		return false
	}
	st, err := os.Stat(path)
	return err == nil && st.Mode().IsRegular()
}
