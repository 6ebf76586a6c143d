package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
	"github.com/danmakuscope/danmakuscope/report"
)

// postOptions are the flags of `analyze post`.
type postOptions struct {
	post       bilibili.Post
	at         time.Duration
	color      string
	yes        bool
	base       string
	cookieFile string
	timeout    time.Duration
	highlights string
	rituals    bool
	interval   time.Duration
}

func newPostCmd(e env) *cobra.Command {
	o := postOptions{}
	cmd := &cobra.Command{
		Use:   "post [flags] --cid CID --aid AID|--bvid BVID --msg TEXT",
		Short: "Send a danmaku to a Bilibili video (prints the request unless --yes)",
		Long: `post sends one danmaku through Bilibili's x/v2/dm/post. It checks the danmaku
first (a message shorter than 100 characters, a mode that can be sent and a pool
that goes with it, progress ≥ 0, an RGB colour, a valid font size), then, with
--yes, signs the request (WBI, keys from x/web-interface/nav), passes the csrf
token from bili_jct and rnd, and sends it once: a post is never retried. Every
documented error code is reported with its meaning.

Without --yes it only prints the request it would send, secrets redacted.

--highlights REPORT_DIR marks each highlight of a video report (a directory
written by 'analyze run', holding highlights.parquet) with a danmaku at its
lag-corrected start: one post per highlight, rituals left out unless
--include-rituals. The cid and aid come from the report (a report read from an
XML file knows only the cid: pass --aid or --bvid). --msg is then a template
where {rank}, {keywords}, {emotion} and {time} (the peak, m:ss) are replaced;
keywords are dropped from the end until the text is short enough. Posts are
sent one at a time, --interval apart, and the first error stops the rest.

Needs the SESSDATA and bili_jct cookies: $BILIBILI_SESSDATA and $BILIBILI_BILI_JCT,
or --cookie-file FILE holding "SESSDATA=…; bili_jct=…". The address is
--bilibili-base or $BILIBILI_BASE (default https://api.bilibili.com).

  analyze post --cid 62131 --aid 2 --at 5s --msg 前来考古
  analyze post --cid 62131 --bvid BV1xx411c7mD --at 1m30s --mode 5 --color '#FF0000' --msg 名场面 --yes
  analyze post --highlights report/bilibili_cid_62131 --mode 5        (dry run: prints every request)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("post takes flags only, not %q", args[0])}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.at < 0 {
				return usageError{fmt.Errorf("--at %v: must be 0 or more", o.at)}
			}
			o.post.ProgressMs = o.at.Milliseconds()
			c, err := parseColor(o.color)
			if err != nil {
				return usageError{err}
			}
			o.post.Color = &c
			posts := []bilibili.Post{o.post}
			if o.highlights != "" {
				if !cmd.Flags().Changed("msg") {
					o.post.Msg = defaultHighlightMsg
				}
				if posts, err = highlightPosts(o.highlights, o.post, o.post.Msg, o.rituals); err != nil {
					return err
				}
				if len(posts) == 0 {
					fmt.Fprintf(e.stderr, "%s: no highlights to mark\n", o.highlights)
					return nil
				}
			}
			for i, p := range posts {
				if err := p.Validate(); err != nil {
					if len(posts) > 1 {
						err = fmt.Errorf("post %d of %d: %w", i+1, len(posts), err)
					}
					return usageError{err}
				}
			}
			no := netOptions{bilibiliBase: o.base, cookieFile: o.cookieFile, timeout: o.timeout, attempts: 1, rateBilibili: 1}
			cl, err := newClients(&no, []spec{{service: "bilibili"}}, e.getenv, nil)
			if err != nil {
				return usageError{err}
			}
			if !o.yes {
				for _, p := range posts {
					desc, err := cl.bilibili.Describe(p)
					if err != nil {
						return usageError{err}
					}
					fmt.Fprint(e.stdout, cl.redact.String(desc))
				}
				fmt.Fprintf(e.stdout, "dry run: nothing sent (%d danmaku); add --yes to send\n", len(posts))
				return nil
			}
			for i, p := range posts {
				if i > 0 {
					select {
					case <-time.After(o.interval):
					case <-cmd.Context().Done():
						return fmt.Errorf("post: interrupted after %d of %d: %w", i, len(posts), cmd.Context().Err())
					}
				}
				res, err := cl.bilibili.Send(cmd.Context(), p)
				if err != nil {
					if len(posts) > 1 {
						return fmt.Errorf("post %d of %d (at %s): %w; the %d before it were sent", i+1, len(posts),
							report.FormatVideoTime(float64(p.ProgressMs)/1000), err, i)
					}
					return fmt.Errorf("post: %w", err)
				}
				fmt.Fprintf(e.stdout, "sent: dmid %d at %s (visible: %v)\n", res.Dmid, report.FormatVideoTime(float64(p.ProgressMs)/1000), res.Visible)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.Int64Var(&o.post.Oid, "cid", 0, "the page's cid (oid)")
	f.Int64Var(&o.post.Aid, "aid", 0, "the video's aid")
	f.StringVar(&o.post.Bvid, "bvid", "", "the video's bvid (instead of --aid)")
	f.StringVar(&o.post.Msg, "msg", "", "the text, shorter than 100 characters")
	f.DurationVar(&o.at, "at", 0, "where the danmaku appears in the video, e.g. 5s or 1m30s")
	f.IntVar(&o.post.Mode, "mode", 1, "1 rolling, 4 bottom, 5 top, 7 advanced (JSON text), 9 BAS (pool 2)")
	f.StringVar(&o.color, "color", "#FFFFFF", "colour as #RRGGBB, 0xRRGGBB or decimal RGB888")
	f.IntVar(&o.post.Fontsize, "fontsize", 25, "12, 16, 18, 25, 36, 45 or 64")
	f.IntVar(&o.post.Pool, "pool", 0, "0 normal, 1 subtitle, 2 special (BAS)")
	f.IntVar(&o.post.Type, "type", 1, "1 video, 2 comic")
	f.IntVar(&o.post.Colorful, "colorful", 0, "60001 for the VIP gradient")
	f.IntVar(&o.post.CheckboxType, "checkbox-type", 0, "4 for the uploader badge")
	f.BoolVar(&o.yes, "yes", false, "send it (without: print the request only)")
	f.StringVar(&o.base, "bilibili-base", "", "Bilibili API address (default $BILIBILI_BASE, else https://api.bilibili.com)")
	f.StringVar(&o.cookieFile, "cookie-file", "", `file holding "SESSDATA=…; bili_jct=…" (default $BILIBILI_SESSDATA, $BILIBILI_BILI_JCT)`)
	f.DurationVar(&o.timeout, "request-timeout", 30*time.Second, "deadline of one request")
	f.StringVar(&o.highlights, "highlights", "", "a video report directory: post one danmaku at each of its highlights")
	f.BoolVar(&o.rituals, "include-rituals", false, "with --highlights: mark ritual bursts too")
	f.DurationVar(&o.interval, "interval", 6*time.Second, "with --highlights: time between two posts (Bilibili's cooldown is 5 s)")
	return cmd
}

// parseColor reads #RRGGBB, 0xRRGGBB or a decimal RGB888.
func parseColor(s string) (uint32, error) {
	t := strings.TrimSpace(s)
	base := 10
	switch {
	case strings.HasPrefix(t, "#"):
		t, base = t[1:], 16
	case strings.HasPrefix(strings.ToLower(t), "0x"):
		t, base = t[2:], 16
	}
	v, err := strconv.ParseUint(t, base, 32)
	if err != nil || v > 0xFFFFFF {
		return 0, fmt.Errorf("--color %q: want #RRGGBB, 0xRRGGBB or a number up to 16777215", s)
	}
	return uint32(v), nil
}
