package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/danmakuscope/danmakuscope/fetch"
	"github.com/danmakuscope/danmakuscope/fetch/archive"
	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
	"github.com/danmakuscope/danmakuscope/fetch/justoneapi"
	"github.com/danmakuscope/danmakuscope/fetch/polyv"
)

// Where fetched replies are kept, under --out:
//
//	<video dir>/archive/<service>/   the replies of one video (segments, pages)
//	.fetch/bilibili-pagelist/        pagelist replies of BV/av SOURCEs
//	.fetch/polyv-account-<userid>/   the pages of a whole Polyv account (polyv:)
//
// A run that finds them there asks the services only for what is missing.
const archiveDir = "archive"

// fetcher resolves SOURCE specs into remotes and fetches them.
type fetcher struct {
	opt     *netOptions
	cl      *clients
	out     string
	history *bilibili.History
	log     *logger
	prog    *fetchProgress
}

// fetchResult is one line of the fetch table.
type fetchResult struct {
	spec   string
	key    string
	remote fetch.Remote
	stats  fetch.FetchStats
	err    error
	state  string // "ok", "failed", "not fetched"
}

// resolve turns a spec into remotes: one per page (bilibili BV/av), one
// per video (polyv:), or one. Network work (pagelist, a whole Polyv
// account) happens here, archived like everything else.
func (f *fetcher) resolve(ctx context.Context, sp spec) ([]fetch.Remote, error) {
	switch sp.service {
	case "bilibili":
		if sp.cid > 0 {
			return []fetch.Remote{f.bilibiliSource(sp.raw, sp.aid, sp.cid, 0, 0)}, nil
		}
		return f.bilibiliPages(ctx, sp)
	case "justoneapi":
		s := &justoneapi.Source{Client: f.cl.justoneapi, Spec: sp.raw, Aid: sp.aid, Cid: sp.cid, OnReply: f.prog.reply}
		s.Archive = f.archiveFor(s.Video().Key, justoneapi.Service)
		return []fetch.Remote{s}, nil
	case "polyv":
		if sp.vid != "" {
			s := &polyv.Source{Client: f.cl.polyv, Spec: sp.raw, VID: sp.vid, OnReply: f.prog.reply}
			s.Archive = f.archiveFor(s.Video().Key, polyv.Service)
			return []fetch.Remote{s}, nil
		}
		acct := &polyv.Source{Client: f.cl.polyv, Spec: sp.raw, OnReply: f.prog.reply,
			Archive: archive.Dir{Path: filepath.Join(f.out, ".fetch", "polyv-account-"+dirName(f.cl.polyv.UserID))}}
		if _, err := acct.Fetch(ctx); err != nil {
			return nil, err
		}
		vids, err := acct.Videos()
		if err != nil {
			return nil, err
		}
		var out []fetch.Remote
		for _, vid := range vids {
			out = append(out, &polyv.Source{Client: f.cl.polyv, Spec: sp.raw + " vid=" + vid, Only: vid, Archive: acct.Archive})
		}
		if len(out) == 0 {
			f.log.warn(sp.raw + ": the Polyv account has no danmaku")
		}
		return out, nil
	}
	return nil, fmt.Errorf("SOURCE %q: unknown service", sp.raw)
}

// bilibiliSource is one page of a Bilibili video; page is its 1-based
// number, 0 when unknown.
func (f *fetcher) bilibiliSource(name string, aid, cid int64, page int, durationS int64) *bilibili.Source {
	s := &bilibili.Source{Client: f.cl.bilibili, Spec: name, Aid: aid, Cid: cid, Page: page, DurationMs: durationS * 1000,
		Format: bilibili.Format(f.opt.format), NoFallback: f.opt.noFallback, History: f.history, OnReply: f.prog.reply}
	s.Archive = f.archiveFor(s.Video().Key, bilibili.Service)
	return s
}

// bilibiliPages resolves a BV or av id through the (archived) pagelist.
func (f *fetcher) bilibiliPages(ctx context.Context, sp spec) ([]fetch.Remote, error) {
	dir := archive.Dir{Path: filepath.Join(f.out, ".fetch", "bilibili-pagelist")}
	name := "aid-" + strconv.FormatInt(sp.aid, 10) + ".json"
	body, _, _, err := dir.Get(ctx, name, func(ctx context.Context) ([]byte, error) {
		_, body, err := f.cl.bilibili.Pagelist(ctx, sp.aid, "")
		return body, err
	}, func(b []byte) (int, error) {
		pages, err := bilibili.ParsePagelist(b)
		return len(pages), err
	})
	if err != nil {
		return nil, err
	}
	pages, _ := bilibili.ParsePagelist(body)
	id := sp.bvid
	if id == "" {
		id = "av" + strconv.FormatInt(sp.aid, 10)
	}
	var out []fetch.Remote
	for _, p := range pages {
		if sp.page > 0 && p.Page != sp.page {
			continue
		}
		out = append(out, f.bilibiliSource(fmt.Sprintf("bilibili:%s#p=%d", id, p.Page), sp.aid, p.Cid, p.Page, p.Duration))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("SOURCE %q: the video has %d pages, no page %d", sp.raw, len(pages), sp.page)
	}
	return out, nil
}

// archiveFor is the archive directory of a service's replies of a video.
func (f *fetcher) archiveFor(key, service string) archive.Dir {
	return archive.Dir{Path: filepath.Join(f.out, dirName(key), archiveDir, service)}
}

// fetchAll resolves the specs and fetches every video, up to --concurrency
// at once. A video that fails does not stop the others, unless its error
// concerns the credentials: then the run stops (retrying cannot help) and
// the videos not yet fetched are reported as such.
func (f *fetcher) fetchAll(ctx context.Context, specs []spec) []fetchResult {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var results []fetchResult
	for _, sp := range specs {
		if context.Cause(ctx) != nil {
			results = append(results, fetchResult{spec: sp.raw, state: "not fetched", err: context.Cause(ctx)})
			continue
		}
		remotes, err := f.resolve(ctx, sp)
		if err != nil {
			results = append(results, fetchResult{spec: sp.raw, state: "failed", err: err})
			f.log.error(err.Error())
			if httpx.IsFatal(err) {
				cancel(fmt.Errorf("run stopped: %w", err))
			}
			continue
		}
		for _, r := range remotes {
			results = append(results, fetchResult{spec: r.Name(), key: r.Video().Key, remote: r})
		}
	}
	f.prog.start(len(results))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range f.opt.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				res := &results[i]
				if cause := context.Cause(ctx); cause != nil {
					res.state, res.err = "not fetched", cause
					continue
				}
				res.stats, res.err = res.remote.Fetch(ctx)
				switch {
				case res.err == nil:
					res.state = "ok"
					f.prog.videoDone(res)
				case context.Cause(ctx) != nil && !httpx.IsFatal(res.err):
					res.state, res.err = "not fetched", context.Cause(ctx)
				default:
					res.state = "failed"
					f.log.error(res.err.Error())
					if httpx.IsFatal(res.err) {
						cancel(fmt.Errorf("run stopped: %w", res.err))
					}
				}
			}
		}()
	}
	for i := range results {
		if results[i].remote != nil {
			jobs <- i
		}
	}
	close(jobs)
	wg.Wait()
	return results
}

// failures returns the errors of results that failed or were not fetched.
func failures(results []fetchResult) []error {
	var out []error
	for _, r := range results {
		if r.state != "ok" {
			out = append(out, fmt.Errorf("%s: %s: %w", r.spec, r.state, r.err))
		}
	}
	return out
}

// printFetchTable writes the per-video table of a fetch.
func printFetchTable(w io.Writer, results []fetchResult, red *httpx.Redactor) {
	ok := 0
	for _, r := range results {
		if r.state == "ok" {
			ok++
		}
	}
	fmt.Fprintf(w, "fetched %d of %d videos\n", ok, len(results))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "VIDEO\tSOURCE\tREPLIES\tDOWNLOADED\tREUSED\tDANMAKU\tSTATUS")
	for _, r := range results {
		key := r.key
		if key == "" {
			key = "-"
		}
		status := r.state
		if r.err != nil {
			status += ": " + oneLine(r.err.Error())
		}
		for _, n := range r.stats.Notes {
			status += " [" + oneLine(n) + "]"
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%s\n", key, r.spec, r.stats.Replies, r.stats.Downloaded, r.stats.Reused, r.stats.Items,
			red.String(status))
	}
	tw.Flush()
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// fetchProgress reports fetch progress on stderr: one line per video done
// and, every few seconds, the replies and danmaku so far.
type fetchProgress struct {
	mu                     sync.Mutex
	log                    *logger
	videos, done           int
	replies, reused, items int
	last                   time.Time
	every                  time.Duration
}

func newFetchProgress(log *logger) *fetchProgress {
	return &fetchProgress{log: log, last: time.Now(), every: 2 * time.Second}
}

func (p *fetchProgress) start(videos int) {
	p.mu.Lock()
	p.videos = videos
	p.mu.Unlock()
	if videos > 0 {
		p.log.info(fmt.Sprintf("fetching %d videos", videos))
	}
}

// reply counts one reply.
func (p *fetchProgress) reply(e fetch.ReplyEvent) {
	p.mu.Lock()
	p.replies++
	p.items += e.Items
	if e.Reused {
		p.reused++
	}
	report := time.Since(p.last) >= p.every
	if report {
		p.last = time.Now()
	}
	line := fmt.Sprintf("… %d of %d videos done, %d replies (%d from the archive), %d danmaku", p.done, p.videos, p.replies, p.reused, p.items)
	p.mu.Unlock()
	if report {
		p.log.info(line)
	}
}

func (p *fetchProgress) videoDone(r *fetchResult) {
	p.mu.Lock()
	p.done++
	line := fmt.Sprintf("%s (%s): %d replies (%d downloaded, %d from the archive), %d danmaku [%d of %d videos]",
		r.key, r.spec, r.stats.Replies, r.stats.Downloaded, r.stats.Reused, r.stats.Items, p.done, p.videos)
	p.mu.Unlock()
	p.log.info(line)
	for _, n := range r.stats.Notes {
		p.log.warn(r.spec + ": " + n)
	}
}

// errNetwork wraps a failed fetch for the exit code.
var errFetchFailed = errors.New("fetch failed")
