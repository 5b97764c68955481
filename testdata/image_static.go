// What //tools/trace:image_test builds with CGO_ENABLED=0 (a static Go
// program, no loader): prints, runs goroutines on several threads,
// handles the SIGUSR1s it sends itself, runs /bin/echo with os/exec, and
// exits 7.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"sync"
	"syscall"
)

func main() {
	fmt.Println("static program: start")
	ch := make(chan os.Signal, 16)
	signal.Notify(ch, syscall.SIGUSR1)
	var wg sync.WaitGroup
	sum := 0
	var mu sync.Mutex
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			// A thread of its own.
			runtime.LockOSThread()
			n := 0
			for k := 0; k < 50; k++ {
				if syscall.Getppid() > 0 {
					n++
				}
			}
			mu.Lock()
			sum += n + i
			mu.Unlock()
		}(i)
	}
	wg.Wait()
	for i := 0; i < 4; i++ {
		syscall.Kill(os.Getpid(), syscall.SIGUSR1)
		<-ch
	}
	fmt.Printf("threads: %d, SIGUSR1: 4\n", sum)
	out, err := exec.Command("/bin/echo", "child", "echo").Output()
	if err != nil {
		fmt.Println("exec failed:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
	fmt.Println("child: exit 0")
	os.Exit(7)
}
