// The program of a module's link check (core/CMakeLists.txt): it runs nothing; that it links
// with every object of the module and only the libraries below it is the check.
int main()
{
    return 0;
}
