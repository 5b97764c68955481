// A static Go program (CGO_ENABLED=0) that //tools/trace:attach_test
// attaches systrap-trace -p to: four goroutines loop os.Getpid, writes to
// /dev/null and short sleeps, and one sends the process SIGUSR1 every few
// milliseconds (Go's runtime adds its own SIGURG preemption), each at
// least once and until a byte or EOF comes on stdin; then it prints a
// summary that does not depend on timing and exits 3.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	var stop int32
	var received int64
	sigs := make(chan os.Signal, 64)
	signal.Notify(sigs, syscall.SIGUSR1)
	go func() {
		for range sigs {
			atomic.AddInt64(&received, 1)
		}
	}()
	pid := os.Getpid()
	var wg sync.WaitGroup
	wrong := make([]int, 4)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			null, err := os.OpenFile("/dev/null", os.O_WRONLY, 0)
			if err != nil {
				wrong[w]++
				return
			}
			defer null.Close()
			for {
				if os.Getpid() != pid {
					wrong[w]++
				}
				if n, err := null.Write([]byte("x")); n != 1 || err != nil {
					wrong[w]++
				}
				time.Sleep(time.Millisecond)
				if atomic.LoadInt32(&stop) != 0 {
					break
				}
			}
		}(w)
	}
	var sent int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if syscall.Kill(pid, syscall.SIGUSR1) == nil {
				atomic.AddInt64(&sent, 1)
			}
			time.Sleep(3 * time.Millisecond)
			if atomic.LoadInt32(&stop) != 0 {
				break
			}
		}
	}()
	buf := make([]byte, 1)
	os.Stdin.Read(buf)
	atomic.StoreInt32(&stop, 1)
	wg.Wait()
	// Every signal sent is delivered (some may merge while pending).
	deadline := time.Now().Add(10 * time.Second)
	for atomic.LoadInt64(&received) == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	for w := 0; w < 4; w++ {
		fmt.Printf("worker %d: %d wrong results\n", w, wrong[w])
	}
	fmt.Printf("signals sent: %v, received: %v\n", sent > 0, atomic.LoadInt64(&received) > 0)
	os.Exit(3)
}
