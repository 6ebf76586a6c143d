package main

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/danmakuscope/danmakuscope/fetch/bilibili"
	"github.com/danmakuscope/danmakuscope/fetch/httpx"
	"github.com/danmakuscope/danmakuscope/fetch/justoneapi"
	"github.com/danmakuscope/danmakuscope/fetch/polyv"
	"github.com/danmakuscope/danmakuscope/report"
)

// Environment variables read for network sources. Secrets come only from
// these or from files, never from flags (which show in ps).
const (
	envBilibiliBase   = "BILIBILI_BASE"
	envJustOneAPIBase = "JUSTONEAPI_BASE"
	envPolyvBase      = "POLYV_BASE"
	envSESSDATA       = "BILIBILI_SESSDATA"
	envBiliJct        = "BILIBILI_BILI_JCT"
	envToken          = "JUSTONEAPI_TOKEN"
	envPolyvUser      = "POLYV_USERID"
	envPolyvSecret    = "POLYV_SECRETKEY"
)

// netOptions are the flags of fetching, shared by fetch and run.
type netOptions struct {
	bilibiliBase, justoneapiBase, polyvBase string
	tokenFile, cookieFile, polyvFile        string
	concurrency                             int
	format                                  string
	noFallback                              bool
	historyFrom, historyTo                  string
	rateBilibili, rateJustOneAPI, ratePolyv float64
	timeout                                 time.Duration
	attempts                                int
}

const netHelp = `Service addresses: --bilibili-base or $BILIBILI_BASE (default https://api.bilibili.com),
--justoneapi-base or $JUSTONEAPI_BASE (default the global https://api.justoneapi.com; "mainland"
selects http://47.117.133.51:30015), --polyv-base or $POLYV_BASE (default https://api.polyv.net).

Credentials come from the environment or files, never from flags:
  Just One API   $JUSTONEAPI_TOKEN, or --token-file FILE holding the token
  Bilibili       $BILIBILI_SESSDATA (and $BILIBILI_BILI_JCT for posting), or --cookie-file FILE
                 holding the SESSDATA value or a cookie string "SESSDATA=…; bili_jct=…"
  Polyv          $POLYV_USERID and $POLYV_SECRETKEY, or --polyv-credentials-file FILE with lines
                 userid=… and secretkey=…
They never appear in messages, printed URLs or any file written.`

func addNetFlags(f *pflag.FlagSet, o *netOptions) {
	f.StringVar(&o.bilibiliBase, "bilibili-base", "", "Bilibili API address (default $BILIBILI_BASE, else https://api.bilibili.com)")
	f.StringVar(&o.justoneapiBase, "justoneapi-base", "", `Just One API address, or "global" or "mainland" (default $JUSTONEAPI_BASE, else global)`)
	f.StringVar(&o.polyvBase, "polyv-base", "", "Polyv API address (default $POLYV_BASE, else https://api.polyv.net)")
	f.StringVar(&o.tokenFile, "token-file", "", "file holding the Just One API token (default $JUSTONEAPI_TOKEN)")
	f.StringVar(&o.cookieFile, "cookie-file", "", "file holding the Bilibili SESSDATA cookie, or SESSDATA=…; bili_jct=… (default $BILIBILI_SESSDATA)")
	f.StringVar(&o.polyvFile, "polyv-credentials-file", "", "file with userid=… and secretkey=… lines (default $POLYV_USERID, $POLYV_SECRETKEY)")
	f.IntVar(&o.concurrency, "concurrency", 4, "videos fetched at once")
	f.StringVar(&o.format, "bilibili-format", "seg", "Bilibili live pool: seg (protobuf segments, XML as fallback) or xml (list.so only)")
	f.BoolVar(&o.noFallback, "no-xml-fallback", false, "fail a Bilibili video whose segments fail instead of falling back to XML")
	f.StringVar(&o.historyFrom, "history-from", "", "also fetch Bilibili history danmaku from this day (YYYY-MM-DD; needs SESSDATA)")
	f.StringVar(&o.historyTo, "history-to", "", "last day of history danmaku (YYYY-MM-DD; default --history-from)")
	f.Float64Var(&o.rateBilibili, "bilibili-rate", 2, "Bilibili requests per second, for the whole run")
	f.Float64Var(&o.rateJustOneAPI, "justoneapi-rate", 2, "Just One API requests per second, for the whole run")
	f.Float64Var(&o.ratePolyv, "polyv-rate", polyv.DefaultRate, "Polyv requests per second, for the whole run (Polyv blocks above 150/s)")
	f.DurationVar(&o.timeout, "request-timeout", 30*time.Second, "deadline of one request (Just One API: at least 60s)")
	f.IntVar(&o.attempts, "attempts", 5, "requests per call at most (first try and retries)")
}

// validate checks the flags that need no network.
func (o *netOptions) validate() error {
	if o.concurrency < 1 {
		return fmt.Errorf("--concurrency %d: want 1 or more", o.concurrency)
	}
	if o.format != string(bilibili.FormatSeg) && o.format != string(bilibili.FormatXML) {
		return fmt.Errorf("--bilibili-format %q: want seg or xml", o.format)
	}
	for name, r := range map[string]float64{"--bilibili-rate": o.rateBilibili, "--justoneapi-rate": o.rateJustOneAPI, "--polyv-rate": o.ratePolyv} {
		if r <= 0 {
			return fmt.Errorf("%s %v: want a positive rate", name, r)
		}
	}
	if o.ratePolyv > 150 {
		return fmt.Errorf("--polyv-rate %v: Polyv blocks an address for 5 minutes above 1500 requests per 10 s; stay at or below 150", o.ratePolyv)
	}
	if o.timeout <= 0 || o.attempts < 1 {
		return fmt.Errorf("--request-timeout and --attempts must be positive")
	}
	if _, err := o.history(); err != nil {
		return err
	}
	return nil
}

// history returns the history range, nil when none was asked for.
func (o *netOptions) history() (*bilibili.History, error) {
	if o.historyFrom == "" {
		if o.historyTo != "" {
			return nil, fmt.Errorf("--history-to needs --history-from")
		}
		return nil, nil
	}
	from, err := time.Parse("2006-01-02", o.historyFrom)
	if err != nil {
		return nil, fmt.Errorf("--history-from %q: want YYYY-MM-DD", o.historyFrom)
	}
	to := from
	if o.historyTo != "" {
		if to, err = time.Parse("2006-01-02", o.historyTo); err != nil {
			return nil, fmt.Errorf("--history-to %q: want YYYY-MM-DD", o.historyTo)
		}
	}
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		return nil, fmt.Errorf("--history-from %s --history-to %s: want a range of at most a year, in order", o.historyFrom, o.historyTo)
	}
	return &bilibili.History{From: from, To: to}, nil
}

// base picks a service address: the flag, else the environment, else the
// default; it must be an http(s) URL.
func base(flag, env, def string, getenv func(string) string) (string, error) {
	b := flag
	if b == "" {
		b = getenv(env)
	}
	if b == "" {
		b = def
	}
	u, err := url.Parse(b)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
		return "", fmt.Errorf("service address %q: want http(s)://host[:port][/path]", b)
	}
	return strings.TrimRight(b, "/"), nil
}

// credentials are the secrets of a run.
type credentials struct {
	token             string
	sessdata, biliJct string
	polyvUser         string
	polyvSecret       string
}

// all returns every secret, for redaction.
func (c credentials) all() []string {
	return []string{c.token, c.sessdata, c.biliJct, c.polyvSecret}
}

// loadCredentials reads the secrets from files (when named) or the
// environment.
func loadCredentials(o *netOptions, getenv func(string) string) (credentials, error) {
	c := credentials{
		token: getenv(envToken), sessdata: getenv(envSESSDATA), biliJct: getenv(envBiliJct),
		polyvUser: getenv(envPolyvUser), polyvSecret: getenv(envPolyvSecret),
	}
	if o.tokenFile != "" {
		b, err := os.ReadFile(o.tokenFile)
		if err != nil {
			return c, fmt.Errorf("--token-file: %w", err)
		}
		c.token = strings.TrimSpace(string(b))
	}
	if o.cookieFile != "" {
		b, err := os.ReadFile(o.cookieFile)
		if err != nil {
			return c, fmt.Errorf("--cookie-file: %w", err)
		}
		s := strings.TrimSpace(string(b))
		if !strings.Contains(s, "=") {
			c.sessdata = s
		} else {
			for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
				k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
				switch strings.TrimSpace(k) {
				case "SESSDATA":
					c.sessdata = strings.TrimSpace(v)
				case "bili_jct":
					c.biliJct = strings.TrimSpace(v)
				}
			}
			if c.sessdata == "" {
				return c, fmt.Errorf("--cookie-file %s: no SESSDATA=… in it", o.cookieFile)
			}
		}
	}
	if o.polyvFile != "" {
		b, err := os.ReadFile(o.polyvFile)
		if err != nil {
			return c, fmt.Errorf("--polyv-credentials-file: %w", err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			k, v, ok := strings.Cut(line, "=")
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "userid", "polyv_userid":
				c.polyvUser = strings.TrimSpace(v)
			case "secretkey", "polyv_secretkey":
				c.polyvSecret = strings.TrimSpace(v)
			default:
				_ = ok
				return c, fmt.Errorf("--polyv-credentials-file %s:%d: want userid=… or secretkey=…", o.polyvFile, i+1)
			}
		}
	}
	return c, nil
}

// userAgent is sent to every service.
const userAgent = "danmakuscope/" + report.EngineVersion + " (+https://github.com/danmakuscope/danmakuscope)"

// secretParams are query parameters whose values are never printed.
var secretParams = []string{"token", "sign", "csrf", "w_rid", "access_key", "SESSDATA"}

// clients are the run's service clients, one per service, each with the
// run's whole rate budget for that service.
type clients struct {
	bilibili   *bilibili.Client
	justoneapi *justoneapi.Client
	polyv      *polyv.Client
	redact     *httpx.Redactor
}

// newClients builds the clients of the services specs use, checking that
// their credentials are there.
func newClients(o *netOptions, specs []spec, getenv func(string) string, onRetry func(error, time.Duration)) (*clients, error) {
	creds, err := loadCredentials(o, getenv)
	if err != nil {
		return nil, err
	}
	red := httpx.NewRedactor(creds.all(), secretParams...)
	cfg := func(service string, rate float64, timeout time.Duration) httpx.Config {
		return httpx.Config{Service: service, Timeout: timeout, Attempts: o.attempts, Rate: rate, Burst: 1,
			UserAgent: userAgent, Redact: red, OnRetry: onRetry}
	}
	cl := &clients{redact: red}
	need := map[string]bool{}
	for _, sp := range specs {
		need[sp.service] = true
	}
	if need["bilibili"] {
		b, err := base(o.bilibiliBase, envBilibiliBase, bilibili.DefaultBase, getenv)
		if err != nil {
			return nil, fmt.Errorf("--bilibili-base: %w", err)
		}
		if o.historyFrom != "" && creds.sessdata == "" {
			return nil, fmt.Errorf("--history-from: history danmaku need the SESSDATA cookie: set $%s or use --cookie-file", envSESSDATA)
		}
		cl.bilibili = &bilibili.Client{HTTP: httpx.New(cfg(bilibili.Service, o.rateBilibili, o.timeout)), Base: b,
			SESSDATA: creds.sessdata, BiliJct: creds.biliJct}
	}
	if need["justoneapi"] {
		flag := o.justoneapiBase
		switch flag {
		case "global":
			flag = justoneapi.DefaultBase
		case "mainland":
			flag = justoneapi.MainlandBase
		}
		b, err := base(flag, envJustOneAPIBase, justoneapi.DefaultBase, getenv)
		if err != nil {
			return nil, fmt.Errorf("--justoneapi-base: %w", err)
		}
		if creds.token == "" {
			return nil, fmt.Errorf("justoneapi: sources need a token: set $%s or use --token-file FILE", envToken)
		}
		cl.justoneapi = &justoneapi.Client{HTTP: httpx.New(cfg(justoneapi.Service, o.rateJustOneAPI, max(o.timeout, justoneapi.MinTimeout))),
			Base: b, Token: creds.token}
	}
	if need["polyv"] {
		b, err := base(o.polyvBase, envPolyvBase, polyv.DefaultBase, getenv)
		if err != nil {
			return nil, fmt.Errorf("--polyv-base: %w", err)
		}
		if creds.polyvUser == "" || creds.polyvSecret == "" {
			return nil, fmt.Errorf("polyv: sources need the account's userid and secret key: set $%s and $%s or use --polyv-credentials-file FILE", envPolyvUser, envPolyvSecret)
		}
		cl.polyv = &polyv.Client{HTTP: httpx.New(cfg(polyv.Service, o.ratePolyv, o.timeout)), Base: b,
			UserID: creds.polyvUser, SecretKey: creds.polyvSecret}
	}
	return cl, nil
}
