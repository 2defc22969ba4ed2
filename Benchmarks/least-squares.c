/* least-squares.c — the small dense solves of the Anderson-type accelerators, timed in C
 * (the numbers quoted in Benchmarks/README.md, section 8): GSL's SVD of a 5 x 3 matrix,
 * Householder QR + least-squares solve, the 3 x 3 normal equations by Cholesky, and by
 * the symmetric eigen-decomposition; 10^6 calls each.
 *
 *     gcc -O2 Benchmarks/least-squares.c -o /tmp/least-squares -lgsl -lgslcblas -lm && /tmp/least-squares
 */
#include <stdio.h>
#include <time.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(){
  gsl_set_error_handler_off();
  int p=5,m=3,N=1000000;
  double src[15]; for(int i=0;i<15;i++) src[i]=((i*7919)%13-6)/7.0+0.01*i;
  gsl_matrix*a=gsl_matrix_alloc(p,m),*v=gsl_matrix_alloc(m,m); gsl_vector*s=gsl_vector_alloc(m),*w=gsl_vector_alloc(m);
  gsl_vector*tau=gsl_vector_alloc(m),*b=gsl_vector_alloc(p),*x=gsl_vector_alloc(m),*res=gsl_vector_alloc(p);
  gsl_matrix*g=gsl_matrix_alloc(m,m),*ev=gsl_matrix_alloc(m,m); gsl_vector*eval=gsl_vector_alloc(m); gsl_eigen_symmv_workspace*ew=gsl_eigen_symmv_alloc(m);
  double t0=now(),acc=0;
  for(int k=0;k<N;k++){ for(int i=0;i<15;i++) a->data[i]=src[i]+k*1e-12; gsl_linalg_SV_decomp(a,v,s,w); acc+=s->data[0];}
  double t1=now();
  for(int k=0;k<N;k++){ for(int i=0;i<15;i++) a->data[i]=src[i]+k*1e-12; for(int i=0;i<5;i++) b->data[i]=i; gsl_linalg_QR_decomp(a,tau); gsl_linalg_QR_lssolve(a,tau,b,x,res); acc+=x->data[0];}
  double t2=now();
  for(int k=0;k<N;k++){ for(int i=0;i<3;i++)for(int j=0;j<3;j++){double z=0;for(int r=0;r<5;r++) z+=src[r*3+i]*src[r*3+j]; g->data[i*3+j]=z+k*1e-12;} gsl_eigen_symmv(g,eval,ev,ew); acc+=eval->data[0];}
  double t3=now();
  for(int k=0;k<N;k++){ for(int i=0;i<3;i++)for(int j=0;j<3;j++){double z=0;for(int r=0;r<5;r++) z+=src[r*3+i]*src[r*3+j]; g->data[i*3+j]=z+k*1e-12;} gsl_linalg_cholesky_decomp1(g); acc+=g->data[0];}
  double t4=now();
  for(int k=0;k<N;k++){ for(int i=0;i<15;i++) a->data[i]=src[i]+k*1e-12; gsl_linalg_SV_decomp_jacobi(a,v,s); acc+=s->data[0];}
  double t5=now();
  printf("SVD %.3f us, QR+lssolve %.3f us, gram+eigen_symmv %.3f us, gram+chol %.3f us, jacobi %.3f (%g)\n",(t1-t0)/N*1e6,(t2-t1)/N*1e6,(t3-t2)/N*1e6,(t4-t3)/N*1e6,(t5-t4)/N*1e6,acc);
}
