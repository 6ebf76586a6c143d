package eval

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		opt    ReadOptions
		task   Task
		texts  []string
		labels []string
		lines  []int
	}{
		{"tsv", "text\tlabel\n好看\tpos\n难看\tneg\n一般\tneu\n", ReadOptions{}, Polarity,
			[]string{"好看", "难看", "一般"}, []string{"pos", "neg", "neu"}, []int{2, 3, 4}},
		{"tsv without quoting", "text\tlabel\tvideo\n\"好看\tpositive\tBV1\n", ReadOptions{}, Polarity,
			[]string{`"好看`}, []string{"pos"}, []int{2}},
		{"csv with quotes and a BOM", "\ufefflabel,review\n1,\"好吃，下次还来\"\n0,太慢了\n", ReadOptions{}, Polarity,
			[]string{"好吃，下次还来", "太慢了"}, []string{"pos", "neg"}, []int{2, 3}},
		{"numeric with -1 is three classes", "text,label\n好,1\n坏,-1\n嗯,0\n", ReadOptions{}, Polarity,
			[]string{"好", "坏", "嗯"}, []string{"pos", "neg", "neu"}, []int{2, 3, 4}},
		{"emotions with synonyms", "text\temotion\n哈哈\thappiness\n呜呜\t哀\n嗯\tnone\n气\tAnger\n", ReadOptions{}, Emotion,
			[]string{"哈哈", "呜呜", "嗯", "气"}, []string{"joy", "sorrow", "none", "anger"}, []int{2, 3, 4, 5}},
		{"neutral in an emotion set is none", "text\tlabel\n哈哈\tjoy\n嗯\tneutral\n", ReadOptions{}, Emotion,
			[]string{"哈哈", "嗯"}, []string{"joy", "none"}, []int{2, 3}},
		{"named columns", "id\tpolarity\temotion\tcontent\n1\tpos\tjoy\t哈哈\n", ReadOptions{LabelColumn: "emotion"}, Emotion,
			[]string{"哈哈"}, []string{"joy"}, []int{2}},
		{"blank lines and empty texts skipped", "text\tlabel\n\n好\tpos\n\tneg\n", ReadOptions{}, Polarity,
			[]string{"好"}, []string{"pos"}, []int{3}},
		{"CRLF", "text,label\r\n好,pos\r\n", ReadOptions{}, Polarity,
			[]string{"好"}, []string{"pos"}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := Read(strings.NewReader(tt.data), "set", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			var texts, labels []string
			var lines []int
			for _, it := range set.Items {
				texts, labels, lines = append(texts, it.Text), append(labels, it.Label), append(lines, it.Line)
			}
			if set.Task != tt.task || !reflect.DeepEqual(texts, tt.texts) || !reflect.DeepEqual(labels, tt.labels) || !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("got %s %q %q %v, want %s %q %q %v", set.Task, texts, labels, lines, tt.task, tt.texts, tt.labels, tt.lines)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		opt    ReadOptions
		line   int
		detail string
	}{
		{"empty", "", ReadOptions{}, 0, "empty file"},
		{"no text column", "sentence_id\tlabel\n1\tpos\n", ReadOptions{}, 1, "no text column"},
		{"no label column", "text\tclass\n好\tpos\n", ReadOptions{}, 1, "no label column"},
		{"named column missing", "text\tlabel\n好\tpos\n", ReadOptions{LabelColumn: "emotion"}, 1, `no column "emotion"`},
		{"too few fields", "text\tlabel\n好\tpos\n坏\n", ReadOptions{}, 3, "fields"},
		{"empty label", "text\tlabel\n好\t\n", ReadOptions{}, 2, "empty label"},
		{"unknown label", "text\tlabel\n好\tpos\n坏\tbad\n", ReadOptions{}, 3, `"bad"`},
		{"mixed tasks", "text\tlabel\n好\tpos\n哈哈\tjoy\n", ReadOptions{}, 2, `"pos"`},
		{"bad csv quote", "text,label\n\"好,pos\n", ReadOptions{}, 2, "quote"},
		{"no texts", "text\tlabel\n", ReadOptions{}, 0, "no labeled texts"},
		{"invalid UTF-8", "text\tlabel\n\xff\tpos\n", ReadOptions{}, 2, "UTF-8"},
		{"bad format option", "text\tlabel\n", ReadOptions{Format: "xlsx"}, -1, "xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.data), "set.tsv", tt.opt)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.detail) {
				t.Errorf("error %q does not mention %q", err, tt.detail)
			}
			if tt.line < 0 {
				return
			}
			var fe *FormatError
			if !errors.As(err, &fe) || !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v is not a *FormatError", err)
			}
			if fe.File != "set.tsv" || fe.Line != tt.line {
				t.Errorf("error at %s:%d, want set.tsv:%d (%v)", fe.File, fe.Line, tt.line, err)
			}
		})
	}
}
